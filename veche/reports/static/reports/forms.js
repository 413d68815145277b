// Shared by the report pages: mark that scripts run (CSS hides no-JS hints). The error summary
// takes the focus through core/error-summary.js, loaded by the base layout.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();

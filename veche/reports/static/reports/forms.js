// Shared by the report pages: mark that scripts run (CSS hides no-JS hints), and move the
// keyboard focus to an error summary so it is read first.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
})();

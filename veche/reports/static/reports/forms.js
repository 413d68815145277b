// Shared by the report pages: mark that scripts run (CSS hides no-JS hints), fold the filters
// on phones. The error summary
// takes the focus through core/error-summary.js, loaded by the base layout.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Filters fold on phones: the page opens on the results. Without scripts they stay open.
  if (window.matchMedia && window.matchMedia("(max-width: 47.99rem)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      if (!details.querySelector(".error-summary, [aria-invalid=true]")) details.open = false;
    });
  }
})();

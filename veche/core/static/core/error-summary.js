// The error summary (core/_error_summary.html) takes the keyboard focus when the page, or an
// HTMX swap, brings one: a screen reader reads it first and Tab leads on to the fields.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = root.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  }
  focusSummary(document);
  document.addEventListener("htmx:afterSettle", function (event) {
    focusSummary(event.detail.elt);
  });
})();

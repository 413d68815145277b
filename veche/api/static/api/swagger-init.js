// Swagger UI at /api/v1/docs, started from a file (the Content-Security-Policy allows no inline
// script). Like django-ninja's own swagger-ui-init.js, except that the CSRF token comes from the
// #swagger-ui element and Swagger UI's info block is left out: the page's own h1 and lead give
// the title, version and schema link, so the headings run h1, h2, h3 (Swagger UI's tags).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  function nothing() {
    return function () { return null; };
  }
  // "info" draws it for OpenAPI 3.0, "OAS31Info" for 3.1 (what django-ninja writes now).
  config.plugins = [
    function withoutInfo() {
      return { wrapComponents: { info: nothing, OAS31Info: nothing } };
    },
  ];
  var token = root.dataset.csrfToken;
  if (token) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = token;
      return request;
    };
  }
  SwaggerUIBundle(config);

  // What Swagger UI draws when an operation or the Authorize dialog is opened, and axe-core
  // refuses: an unnamed close button, an accessible name that hides the visible one, a code
  // sample that scrolls but takes no focus, a region per operation all named alike.
  function repair() {
    root.querySelectorAll(".close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", root.dataset.closeLabel);
    });
    root.querySelectorAll(".auth-btn-wrapper [aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label");
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
    root.querySelectorAll('[role="region"][id$="_responses"]').forEach(function (region) {
      region.removeAttribute("role");
    });
  }
  new MutationObserver(repair).observe(root, { childList: true, subtree: true });
})();

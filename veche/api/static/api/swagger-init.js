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
})();

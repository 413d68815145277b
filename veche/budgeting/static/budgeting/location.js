// The application form's points on the map: territory's picker over each «latitude, longitude»
// input (budgeting/_location_field.html). Without this script the input and the settlement work.
(function () {
  "use strict";
  if (!window.VecheMap || !VecheMap.picker) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-point-input]"), function (el) {
    VecheMap.picker(el, {
      point: document.getElementById(el.dataset.pointInput),
      centre: document.getElementById(el.dataset.centreButton),
    });
  });
})();

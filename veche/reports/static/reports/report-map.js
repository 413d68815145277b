// The report page's small map: a marker at the report's point. The coordinates are also
// printed under it, so nothing depends on this script.
(function () {
  "use strict";
  var el = document.getElementById("report-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var point = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
  if (!isFinite(point[0]) || !isFinite(point[1])) return;
  el.hidden = false;
  var map = VecheMap.create(el, { scrollWheelZoom: false }).setView(point, 16);
  L.marker(point, { interactive: false, keyboard: false, alt: el.dataset.marker }).addTo(map);
})();

// The report page's small map: a marker at the report's point. The coordinates are also
// printed under it, so nothing depends on this script.
(function () {
  "use strict";
  // Leaflet's credit without the flag it adds by default.
  var LEAFLET = '<a href="https://leafletjs.com">Leaflet</a>';
  var el = document.getElementById("report-map");
  if (!el || typeof L === "undefined") return;
  var point = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
  if (!isFinite(point[0]) || !isFinite(point[1])) return;
  el.hidden = false;
  var map = L.map(el, { zoomControl: false, scrollWheelZoom: false }).setView(point, 16);
  L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(LEAFLET);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  L.marker(point, { interactive: false, keyboard: false, alt: el.dataset.marker }).addTo(map);
})();

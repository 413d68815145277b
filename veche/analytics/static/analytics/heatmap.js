// The dashboard's heat maps (reports, the NGO sector): each `.heat-map` box draws the H3
// hexagons of its JSON element (`data-cells`, in the page: no request) over the municipalities'
// boundaries (territory/boundaries.js). Without this script the page shows the same cells as a
// table and says so (`data-fallback`).
(function () {
  "use strict";
  if (typeof L === "undefined" || !window.VecheMap) return;
  Array.prototype.forEach.call(document.querySelectorAll(".heat-map[data-cells]"), function (el) {
    var data = document.getElementById(el.dataset.cells);
    if (!data) return;
    var cells = JSON.parse(data.textContent);
    el.hidden = false;
    var fallback = document.getElementById(el.dataset.fallback);
    if (fallback) fallback.hidden = true;
    var map = VecheMap.create(el);
    var layer = L.featureGroup(cells.map(function (cell) {
      return L.polygon(cell.b, {
        color: "#5c0f1a", weight: 0.6, opacity: 0.7, fillColor: cell.c, fillOpacity: 0.75
      }).bindTooltip(cell.t);
    })).addTo(map);
    var bounds = (el.dataset.bounds || "").split(",").map(Number);
    if (bounds.length === 4 && bounds.every(isFinite)) {
      map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
    } else if (cells.length) {
      map.fitBounds(layer.getBounds());
    } else {
      map.setView([61.0, 69.0], 5);
    }
  });
})();

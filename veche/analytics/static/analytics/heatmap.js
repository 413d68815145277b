// The dashboard's heat map: the period's busiest H3 hexagons (from the page's JSON, no request)
// drawn over the municipalities' boundaries (territory/boundaries.js). Without this script the
// page shows the same cells as a table and says so.
(function () {
  "use strict";
  var el = document.getElementById("heat-map");
  var data = document.getElementById("heat-cells");
  if (!el || !data || typeof L === "undefined" || !window.VecheMap) return;
  var cells = JSON.parse(data.textContent);
  el.hidden = false;
  var fallback = document.getElementById("heat-map-fallback");
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
})();

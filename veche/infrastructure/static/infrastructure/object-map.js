// The object's own small map: its point, road or polygon over the municipalities' boundaries.
(function () {
  "use strict";
  var el = document.getElementById("object-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var geometry = JSON.parse(document.getElementById("object-geometry").textContent);
  el.hidden = false;
  var map = VecheMap.create(el);
  var layer = L.geoJSON(geometry, {
    pointToLayer: function (feature, latlng) { return L.marker(latlng, { alt: el.dataset.name, keyboard: false }); },
    style: function () { return { color: "#1d4e89", weight: 5, fillOpacity: 0.3 }; }
  }).addTo(map);
  var bounds = layer.getBounds();
  if (geometry.type === "Point") map.setView(bounds.getCenter(), 15);
  else map.fitBounds(bounds, { padding: [20, 20] });
})();

// The municipalities taking part in open government on the map: one marker each, with the date
// it joined (territory/boundaries.js draws the municipalities). Without this script the table
// beside it says the same.
(function () {
  "use strict";
  var el = document.getElementById("open-government-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var points = JSON.parse(document.getElementById("open-government-points").textContent);
  el.hidden = false;
  var map = VecheMap.create(el);
  points.forEach(function (point) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    box.appendChild(name);
    box.appendChild(document.createTextNode(" · " + point.since));
    L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).bindPopup(box).addTo(map);
  });
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
})();

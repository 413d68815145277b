// The catalogue's map: one marker per organization of the programmes shown, each with links to
// its programmes (territory/boundaries.js draws the municipalities under them); and «Near me»,
// which fills the filter's coordinates from the browser's geolocation and sends the form.
// Without this script the list says the same and the coordinates can be typed.
(function () {
  "use strict";
  var button = document.getElementById("near-me");
  if (button && navigator.geolocation) {
    var status = document.getElementById("near-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("id_lat").value = position.coords.latitude.toFixed(5);
        document.getElementById("id_lon").value = position.coords.longitude.toFixed(5);
        document.getElementById("activities-filters").submit();
      }, function () {
        status.textContent = button.dataset.failed;
      }, { timeout: 10000 });
    });
  }

  var el = document.getElementById("activities-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var points = JSON.parse(document.getElementById("activity-points").textContent);
  el.hidden = false;
  var map = VecheMap.create(el);
  var markers = points.map(function (point) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    box.appendChild(name);
    var list = document.createElement("ul");
    point.programmes.forEach(function (programme) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = programme.url;
      link.textContent = programme.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    return L.marker([point.lat, point.lon], { title: point.name, alt: point.name })
      .bindPopup(box).addTo(map);
  });
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 15 });
  } else if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
})();

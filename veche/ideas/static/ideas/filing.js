// The filing form's map: a click puts the marker and fills the latitude and longitude fields
// (which stay on the page: typing them works as well, and without this script).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var el = document.getElementById("idea-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  if (!el || !lat || !lon || typeof L === "undefined" || !window.VecheMap) return;
  el.hidden = false;
  var map = VecheMap.create(el);
  var marker = null;
  function place(point) {
    if (marker) marker.setLatLng(point);
    else marker = L.marker(point, { keyboard: false, alt: el.dataset.marker }).addTo(map);
  }
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  var start = [parseFloat(lat.value.replace(",", ".")), parseFloat(lon.value.replace(",", "."))];
  if (isFinite(start[0]) && isFinite(start[1])) {
    map.setView(start, 15);
    place(start);
  } else if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
  map.on("click", function (event) {
    place(event.latlng);
    lat.value = event.latlng.lat.toFixed(6);
    lon.value = event.latlng.lng.toFixed(6);
  });
})();

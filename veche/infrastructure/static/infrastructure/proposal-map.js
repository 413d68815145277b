// The proposal form's map: territory's picker (territory/point_picker.js) over the latitude and
// longitude fields, which stay on the page — typing them works as well, and without this script.
(function () {
  "use strict";
  var el = document.getElementById("proposal-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  if (!el || !lat || !lon || !window.VecheMap || !VecheMap.picker) return;
  VecheMap.picker(el, { lat: lat, lon: lon, centre: document.getElementById("proposal-map-centre") });
})();

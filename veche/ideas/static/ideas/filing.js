// The filing form's map: a click puts the marker and fills the latitude and longitude fields
// (which stay on the page: typing them works as well, and without this script). The picker is
// territory's (territory/point_picker.js), shared with the budgeting application form.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var el = document.getElementById("idea-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  if (!el || !lat || !lon || !window.VecheMap || !VecheMap.picker) return;
  VecheMap.picker(el, { lat: lat, lon: lon });
})();

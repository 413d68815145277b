// The filing form, enhanced: only the chosen topic's questions are shown, and a Leaflet map
// fills the latitude and longitude fields (typing them moves the marker). Without this script
// every question and the coordinate and address fields still work (see docs/reports.md).
(function () {
  "use strict";
  // Leaflet's credit without the flag it adds by default.
  var LEAFLET = '<a href="https://leafletjs.com">Leaflet</a>';
  var form = document.getElementById("report-form");
  if (!form) return;

  var topic = document.getElementById("id_topic");
  var groups = Array.prototype.slice.call(form.querySelectorAll("fieldset.questions[data-topic]"));
  function showQuestions() {
    groups.forEach(function (group) {
      var active = topic && group.getAttribute("data-topic") === topic.value;
      group.hidden = !active;
      group.disabled = !active;
    });
  }
  if (topic) {
    topic.addEventListener("change", showQuestions);
    showQuestions();
  }

  var el = document.getElementById("place-map");
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  if (!el || !lat || !lon || typeof L === "undefined") return;
  el.hidden = false;
  var tools = document.getElementById("place-map-tools");
  if (tools) tools.hidden = false;

  var map = L.map(el, { zoomControl: false });
  L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(LEAFLET);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);

  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }

  var marker = null;
  function number(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isFinite(value) ? value : null;
  }
  function show(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { interactive: false, keyboard: false, alt: el.dataset.marker });
      marker.addTo(map);
    }
  }
  function choose(latlng) {
    show(latlng);
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    // One change event: the nearby-reports list (htmx) reads both fields.
    lat.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function fromInputs() {
    var a = number(lat), b = number(lon);
    if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
      show([a, b]);
      return true;
    }
    return false;
  }

  map.on("click", function (event) { choose(event.latlng); });
  lat.addEventListener("change", fromInputs);
  lon.addEventListener("change", fromInputs);
  var centre = document.getElementById("place-map-centre");
  if (centre) centre.addEventListener("click", function () { choose(map.getCenter()); });
  if (fromInputs()) map.setView(marker.getLatLng(), 16);
})();

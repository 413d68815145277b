// The filing form, enhanced: only the chosen topic's questions are shown, a Leaflet map fills
// the latitude and longitude fields (typing them moves the marker), the street search marks its
// match without reloading, and "where am I" asks the browser for the resident's location. Without this script
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
  // The municipalities' outlines, so the map is not a grey box when tiles cannot load.
  if (window.VecheMap) VecheMap.boundaries(map);

  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }

  var marker = null;
  var address = document.getElementById("id_address");
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
  var searchedAddress = null;  // the address a search match wrote, cleared if the point moves
  function choose(latlng) {
    if (address && searchedAddress !== null && address.value === searchedAddress) {
      address.value = "";
    }
    searchedAddress = null;
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

  var status = document.getElementById("place-status");
  function say(text) {
    if (status) status.textContent = text;
  }

  // The street search: its matches come as a partial and mark the place without leaving the
  // page (without this script the search reloads the page with links that do the same).
  var search = document.getElementById("place-search");
  var query = document.getElementById("place-search-query");
  var results = document.getElementById("place-results");
  if (search && query && results) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = el.dataset.placesUrl + "?place=" + encodeURIComponent(query.value);
      fetch(url, { headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) { results.innerHTML = html; say(""); })
        .catch(function () { say(el.dataset.msgSearchFailed); });
    });
    results.addEventListener("click", function (event) {
      var link = event.target.closest("a.place-match");
      if (!link) return;
      event.preventDefault();
      var latlng = L.latLng(Number(link.dataset.lat), Number(link.dataset.lon));
      choose(latlng);
      map.setView(latlng, 16);
      if (address && link.dataset.address) {
        address.value = link.dataset.address;
        searchedAddress = address.value;
      }
      say(el.dataset.msgMarked.replace("{place}", link.textContent.trim()));
    });
  }

  // "Where am I": the browser's location, if the resident allows it and it is in the region.
  var region = (el.dataset.regionBounds || "").split(",").map(Number);
  function inRegion(a, b) {
    if (region.length !== 4 || !region.every(isFinite)) return true;
    return a >= region[0] && a <= region[2] && b >= region[1] && b <= region[3];
  }
  var locate = document.getElementById("place-locate");
  if (locate && navigator.geolocation) {
    document.getElementById("place-locate-tools").hidden = false;
    locate.addEventListener("click", function () {
      say(el.dataset.msgLocating);
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var a = position.coords.latitude, b = position.coords.longitude;
          if (!inRegion(a, b)) { say(el.dataset.msgOutside); return; }
          var latlng = L.latLng(a, b);
          choose(latlng);
          map.setView(latlng, 16);
          say(el.dataset.msgLocated);
        },
        function (error) {
          say(error.code === 1 ? el.dataset.msgDenied : el.dataset.msgUnavailable);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  map.on("click", function (event) { choose(event.latlng); });
  lat.addEventListener("change", fromInputs);
  lon.addEventListener("change", fromInputs);
  var centre = document.getElementById("place-map-centre");
  if (centre) centre.addEventListener("click", function () { choose(map.getCenter()); });
  if (fromInputs()) map.setView(marker.getLatLng(), 16);
})();

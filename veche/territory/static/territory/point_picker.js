// A point picked on a Leaflet map (after leaflet.js and boundaries.js), shared by the forms that
// ask for a place: a click puts the marker and fills the form's coordinate inputs; typing them
// moves the marker; with the keyboard the map pans with the arrow keys and a button marks its
// centre. The inputs stay on the page, so the form works without this script.
//
//   VecheMap.picker(element, { lat: input, lon: input })   // two inputs (ideas)
//   VecheMap.picker(element, { point: input })             // one «lat, lon» input (budgeting)
//   options.centre: a button that marks the map's centre (shown by the picker)
//   options.onPick(latlng): called after the inputs are filled from the map
// The element carries what VecheMap.create reads, data-bounds (min_lat,min_lon,max_lat,max_lon:
// where the map opens when no point is given) and data-marker (the marker's alternative text).
// Returns the L.Map.
(function () {
  "use strict";
  if (!window.VecheMap || typeof L === "undefined") return;

  function number(text) {
    var value = parseFloat(String(text || "").trim().replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function picker(el, options) {
    el.hidden = false;
    var map = VecheMap.create(el);
    var marker = null;

    function read() {
      var a, b;
      if (options.point) {
        // «61.2540, 73.3962», as the server reads it (veche/budgeting/answers.py).
        var parts = options.point.value.split(",");
        if (parts.length !== 2) return null;
        a = number(parts[0]);
        b = number(parts[1]);
      } else {
        a = number(options.lat.value);
        b = number(options.lon.value);
      }
      if (a === null || b === null || Math.abs(a) > 90 || Math.abs(b) > 180) return null;
      return L.latLng(a, b);
    }
    function show(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.marker(latlng, { keyboard: false, alt: el.dataset.marker }).addTo(map);
    }
    function choose(latlng) {
      show(latlng);
      var a = latlng.lat.toFixed(6), b = latlng.lng.toFixed(6);
      if (options.point) {
        options.point.value = a + ", " + b;
        options.point.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        options.lat.value = a;
        options.lon.value = b;
        options.lat.dispatchEvent(new Event("change", { bubbles: true }));
      }
      if (options.onPick) options.onPick(latlng);
    }
    function fromInputs() {
      var latlng = read();
      if (latlng) show(latlng);
      return latlng;
    }

    var start = fromInputs();
    var bounds = (el.dataset.bounds || "").split(",").map(Number);
    if (start) {
      map.setView(start, 15);
    } else if (bounds.length === 4 && bounds.every(isFinite)) {
      map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
    } else {
      map.setView([61.0, 69.0], 5);
    }
    map.on("click", function (event) { choose(event.latlng); });
    [options.point, options.lat, options.lon].forEach(function (input) {
      if (input) input.addEventListener("input", fromInputs);
    });
    if (options.centre) {
      var tools = options.centre.closest("[hidden]");
      if (tools) tools.hidden = false;
      options.centre.addEventListener("click", function () { choose(map.getCenter()); });
    }
    return map;
  }

  window.VecheMap.picker = picker;
})();

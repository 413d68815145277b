// A Leaflet map that is never a grey box: the municipalities' boundaries, drawn from
// /territory/boundaries.geojson, lie under the tiles' markers, so the region's shape shows even
// when the tile server (MAP_TILE_URL) cannot be reached.
//
// Usage (after leaflet.js, before the page's own script):
//   var map = VecheMap.create(element, { zoomControl: false, ... });   // L.map + tiles + boundaries
//   VecheMap.boundaries(map);  // or add the layer to a map made elsewhere
// The element carries data-tiles, data-attribution, data-zoom-in, data-zoom-out and
// data-boundaries (the feed's URL; without it the layer is skipped).
// Returns the L.Map; `VecheMap.boundaries` returns a promise of the L.GeoJSON layer.
// Every map's feed is clustered on the server (veche/core/maps.py): `VecheMap.feedUrl(map, url)`
// adds the view's bbox and zoom to the feed's address, `VecheMap.cluster(map, feature, latlng,
// text)` draws a `properties.cluster` feature with its `count` (pressing it zooms in),
// `VecheMap.counted(features)` sums what the features stand for, and `VecheMap.feed(map, layer,
// status, labels)` reloads the layer from the element's data-geojson on every move (returns the
// load function, for a page that changes the feed's address). `VecheMap.format` fills a
// translated "%(name)s" template.
(function () {
  "use strict";
  // Leaflet's credit without the flag it adds by default.
  var LEAFLET = '<a href="https://leafletjs.com">Leaflet</a>';
  var STYLE = { color: "#1d4e89", weight: 1.5, opacity: 0.8, fillColor: "#dce8f5", fillOpacity: 0.35 };
  var loaded = {};  // one fetch per URL and page, shared by every map on it

  function boundaries(map, url) {
    url = url || map.getContainer().dataset.boundaries;
    if (!url || !window.fetch) return Promise.resolve(null);
    loaded[url] = loaded[url] || fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      });
    return loaded[url].then(function (data) {
      var layer = L.geoJSON(data, { style: STYLE, interactive: false });
      layer.addTo(map);
      layer.bringToBack();
      return layer;
    }).catch(function () { return null; });
  }

  function create(el, options) {
    var map = L.map(el, Object.assign({ zoomControl: false }, options || {}));
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(LEAFLET);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    // The pale fill is the map's background while tiles are missing.
    el.style.background = STYLE.fillColor;
    boundaries(map);
    return map;
  }

  function cluster(map, feature, latlng, text) {
    var count = feature.properties.count;
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    // The number is shown; a screen reader hears what it counts.
    var box = document.createElement("div");
    var shown = document.createElement("span");
    shown.textContent = String(count);
    shown.setAttribute("aria-hidden", "true");
    var heard = document.createElement("span");
    heard.textContent = text;
    heard.className = "visually-hidden";
    box.appendChild(shown);
    box.appendChild(heard);
    var icon = L.divIcon({ html: box, className: "marker-cluster marker-cluster-" + size, iconSize: new L.Point(40, 40) });
    var marker = L.marker(latlng, { icon: icon, title: text, keyboard: true });
    marker.on("click keypress", function () { map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom() || 19)); });
    return marker;
  }

  function clamp(value, limit) { return Math.max(-limit, Math.min(limit, value)).toFixed(5); }
  function feedUrl(map, url) {
    var b = map.getBounds();
    var bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "bbox=" + bbox.join(",") + "&zoom=" + Math.round(map.getZoom());
  }

  function counted(features) {
    return features.reduce(function (sum, f) { return sum + (f.properties.count || 1); }, 0);
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  // Each move replaces the layer's features with the feed's for the new view and says in
  // `status` how many are shown (labels: shown, truncated, failed). While a load is under way the
  // map is aria-busy; data-loads counts the loads finished, so a test can wait for the next one.
  function feed(map, layer, status, labels) {
    var el = map.getContainer();
    var pending = null;
    function load() {
      if (pending) pending.abort();
      var current = pending = new AbortController();
      el.setAttribute("aria-busy", "true");
      fetch(feedUrl(map, el.dataset.geojson), { signal: current.signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          layer.clearLayers();
          layer.addData(data);
          status.textContent = data.truncated
            ? format(labels.truncated, { limit: data.features.length })
            : format(labels.shown, { count: counted(data.features) });
        })
        .catch(function (error) {
          if (error.name !== "AbortError") status.textContent = labels.failed;
        })
        .finally(function () {
          if (current !== pending) return;  // a newer load took its place
          el.setAttribute("aria-busy", "false");
          el.dataset.loads = String(Number(el.dataset.loads || 0) + 1);
        });
    }
    map.on("moveend", load);
    return load;
  }

  window.VecheMap = {
    create: create, boundaries: boundaries, style: STYLE, cluster: cluster, feedUrl: feedUrl,
    counted: counted, format: format, feed: feed
  };
})();

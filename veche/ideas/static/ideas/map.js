// The map of ideas: clustered markers loaded from the GeoJSON feed for the visible area, with the
// page's filters, over the municipalities' boundaries (territory/boundaries.js). Without this
// script the page offers the list with the same filters.
(function () {
  "use strict";
  var el = document.getElementById("ideas-map");
  if (!el || typeof L === "undefined" || !L.markerClusterGroup || !window.VecheMap) return;
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var status = document.getElementById("map-status");

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function line(parent, text, tag) {
    var node = document.createElement(tag || "p");
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  function popup(props) {
    var box = document.createElement("div");
    line(line(box, "", "p"), props.title, "strong");
    line(box, format(labels.item, { number: props.id }));
    line(box, labels.statuses[props.status] || props.status);
    line(box, format(labels.supports, { count: props.support_count }));
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = labels.open;
    line(box, "").appendChild(link);
    return box;
  }
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var box = document.createElement("div");
    line(box, String(count), "span").setAttribute("aria-hidden", "true");
    line(box, format(labels.cluster, { count: count }), "span").className = "visually-hidden";
    return L.divIcon({ html: box, className: "marker-cluster marker-cluster-" + size, iconSize: new L.Point(40, 40) });
  }

  el.hidden = false;
  var map = VecheMap.create(el);
  var clusters = L.markerClusterGroup({ chunkedLoading: true, iconCreateFunction: clusterIcon });
  map.addLayer(clusters);
  var pending = null;
  function clamp(value, limit) { return Math.max(-limit, Math.min(limit, value)).toFixed(5); }
  function load() {
    if (pending) pending.abort();
    pending = new AbortController();
    var b = map.getBounds();
    var bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
    var url = el.dataset.geojson + (el.dataset.geojson.indexOf("?") >= 0 ? "&" : "?") + "bbox=" + bbox.join(",");
    fetch(url, { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        clusters.clearLayers();
        clusters.addLayers(data.features.map(function (feature) {
          var c = feature.geometry.coordinates, p = feature.properties;
          return L.marker([c[1], c[0]], { title: p.title, alt: p.title }).bindPopup(function () { return popup(p); });
        }));
        status.textContent = data.truncated
          ? format(labels.truncated, { limit: data.features.length })
          : format(labels.shown, { count: data.features.length });
      })
      .catch(function (error) {
        if (error.name !== "AbortError") status.textContent = labels.failed;
      });
  }
  map.on("moveend", load);
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
})();

// The map of ideas, loaded from the GeoJSON feed for the visible area and zoom with the page's
// filters, over the municipalities' boundaries (territory/boundaries.js): the server sends
// clusters (a count per grid cell, veche/core/maps.py) where many ideas are in view and the ideas
// themselves when zoomed in. Without this script the page offers the list with the same filters.
(function () {
  "use strict";
  var el = document.getElementById("ideas-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var status = document.getElementById("map-status");

  var format = VecheMap.format;
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
  function pointMarker(feature, latlng) {
    var p = feature.properties;
    return L.marker(latlng, { title: p.title, alt: p.title }).bindPopup(function () { return popup(p); });
  }

  el.hidden = false;
  var map = VecheMap.create(el);
  var layer = L.geoJSON(null, {
    pointToLayer: function (feature, latlng) {
      return feature.properties.cluster
        ? VecheMap.cluster(map, feature, latlng, format(labels.cluster, { count: feature.properties.count }))
        : pointMarker(feature, latlng);
    }
  }).addTo(map);
  VecheMap.feed(map, layer, status, labels);
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
})();

// The map of infrastructure objects: the server groups them into clusters up to zoom 12 (a grid
// cell each, counted in SQL, veche/core/maps.py) and sends the objects themselves — points, roads as lines, parks
// as polygons, simplified for the zoom — when zoomed in. Loaded from the GeoJSON feed for the
// visible area with the page's filters, over the municipalities' boundaries
// (territory/boundaries.js). Without this script the page offers the list with the same filters.
(function () {
  "use strict";
  var el = document.getElementById("infrastructure-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  var status = document.getElementById("map-status");
  var COLOURS = { planned: "#5c6b7a", in_progress: "#b35900", completed: "#1e7b34", suspended: "#b3261e" };

  var format = VecheMap.format;
  function line(parent, text, tag) {
    var node = document.createElement(tag || "p");
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  function popup(props) {
    var box = document.createElement("div");
    line(line(box, "", "p"), props.name, "strong");
    line(box, labels.statuses[props.status] || props.status);
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = labels.open;
    line(box, "").appendChild(link);
    return box;
  }
  function pointMarker(feature, latlng) {
    return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name });
  }

  el.hidden = false;
  var map = VecheMap.create(el);
  var layer = L.geoJSON(null, {
    pointToLayer: function (feature, latlng) {
      return feature.properties.cluster
        ? VecheMap.cluster(map, feature, latlng, format(labels.cluster, { count: feature.properties.count }))
        : pointMarker(feature, latlng);
    },
    style: function (feature) {
      var colour = COLOURS[feature.properties.status] || "#1d4e89";
      return { color: colour, weight: 4, opacity: 0.9, fillOpacity: 0.3 };
    },
    onEachFeature: function (feature, item) {
      if (!feature.properties.cluster) item.bindPopup(function () { return popup(feature.properties); });
    }
  }).addTo(map);
  VecheMap.feed(map, layer, status, labels);
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([58.0, 56.3], 7);
  }
})();

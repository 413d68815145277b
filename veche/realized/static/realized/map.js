// The map of realized projects: one marker per settlement (or municipality) with the number of
// the filtered projects there and their money, from the page's GeoJSON feed, over the
// municipalities' boundaries (territory/boundaries.js). Without this script the page's table
// gives the same figures by settlement.
(function () {
  "use strict";
  var el = document.getElementById("realized-map");
  if (!el || typeof L === "undefined" || !window.VecheMap) return;
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
    line(line(box, "", "p"), props.name + " (" + props.municipality + ")", "strong");
    line(box, format(labels.projects, { count: props.count }));
    line(box, format(labels.money, { total: Number(props.total).toLocaleString(document.documentElement.lang || "ru") }));
    var link = document.createElement("a");
    link.href = el.dataset.list + props.list;
    link.textContent = labels.open;
    line(box, "").appendChild(link);
    return box;
  }

  el.hidden = false;
  var map = VecheMap.create(el);
  var bounds = (el.dataset.bounds || "").split(",").map(Number);
  if (bounds.length === 4 && bounds.every(isFinite)) {
    map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]]);
  } else {
    map.setView([61.0, 69.0], 5);
  }
  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      data.features.forEach(function (feature) {
        var c = feature.geometry.coordinates, p = feature.properties;
        var title = p.name + ": " + format(labels.projects, { count: p.count });
        L.marker([c[1], c[0]], { title: title, alt: title }).bindPopup(function () { return popup(p); }).addTo(map);
      });
      status.textContent = format(labels.shown, { count: data.features.length });
    })
    .catch(function () { status.textContent = labels.failed; });
})();

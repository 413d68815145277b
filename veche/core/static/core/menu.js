// The main menu is a <details> (a button on phones, no JavaScript needed). On a wide screen it is
// opened and marked wide, which the style sheet shows as a bar without the button. The settings
// of the version for the visually impaired (#lv-panel, before the header) fold the same way.
(function () {
  if (!window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  var folded = ["site-menu", "lv-panel"]
    .map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  function apply() {
    folded.forEach(function (details) {
      if (wide.matches) {
        details.setAttribute("data-wide", "");
        details.open = true;
      } else if (details.hasAttribute("data-wide")) {
        details.removeAttribute("data-wide");
        details.open = false;
      }
    });
  }
  apply();
  if (wide.addEventListener) wide.addEventListener("change", apply);
})();

// A group of sections («Information») drops down on a wide screen; like any menu it closes on
// Escape (focus back on its entry) and when a click or the focus goes elsewhere.
(function () {
  var groups = Array.prototype.slice.call(document.querySelectorAll(".nav-group > details"));
  function closeOthers(target) {
    groups.forEach(function (details) {
      if (details.open && !details.contains(target)) details.open = false;
    });
  }
  groups.forEach(function (details) {
    details.addEventListener("toggle", function () {
      // Dropped down past the window's right edge: open it toward the left instead.
      var list = details.querySelector("ul");
      list.classList.remove("nav-group-end");
      if (details.open && list.getBoundingClientRect().right > document.documentElement.clientWidth) {
        list.classList.add("nav-group-end");
      }
    });
  });
  document.addEventListener("click", function (event) { closeOthers(event.target); });
  document.addEventListener("focusin", function (event) { closeOthers(event.target); });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    groups.forEach(function (details) {
      if (!details.open) return;
      details.open = false;
      if (details.contains(document.activeElement)) details.querySelector("summary").focus();
    });
  });
})();

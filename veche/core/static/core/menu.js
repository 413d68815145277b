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

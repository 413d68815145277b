// The main menu is a <details> (a button on phones, no JavaScript needed). On a wide screen it is
// opened and marked wide, which the style sheet shows as a bar without the button.
(function () {
  var menu = document.getElementById("site-menu");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  function apply() {
    if (wide.matches) {
      menu.setAttribute("data-wide", "");
      menu.open = true;
    } else if (menu.hasAttribute("data-wide")) {
      menu.removeAttribute("data-wide");
      menu.open = false;
    }
  }
  apply();
  if (wide.addEventListener) wide.addEventListener("change", apply);
})();

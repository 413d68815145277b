// Comment on a passage selected with the mouse (progressive enhancement: without JavaScript the
// resident picks the section in the form and pastes the passage). When a selection lies inside
// one section's text, a button appears under that section; pressing it fills the form's section
// and passage fields and moves the focus to the comment.
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  var text = document.querySelector("[data-draft-text]");
  if (!form || !text) return;
  var sectionField = form.querySelector("#dc-section");
  var passageField = form.querySelector("#dc-passage");
  var commentField = form.querySelector("#dc-text");
  var label = document.documentElement.lang === "en" ? "Comment on the selected passage" : "Прокомментировать выделенный фрагмент";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary passage-button";
  button.textContent = label;
  button.hidden = true;
  var chosen = { section: null, passage: "" };

  function sectionOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest(".draft-section[data-section]") : null;
  }

  function onSelect() {
    var selection = window.getSelection();
    var passage = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    if (!passage || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    // A drag past the end of a paragraph may end just outside the section: what counts is that
    // the selected words are all in one section's text.
    var start = sectionOf(range.startContainer) || sectionOf(range.endContainer);
    if (!start) return;
    var body = start.querySelector(".section-body");
    var words = body ? body.textContent.replace(/\s+/g, " ") : "";
    if (words.indexOf(passage) === -1) return;
    chosen = { section: start.getAttribute("data-section"), passage: passage.slice(0, 2000) };
    var meta = start.querySelector(".section-meta");
    start.insertBefore(button, meta);
    button.hidden = false;
  }

  text.addEventListener("mouseup", function () { window.setTimeout(onSelect, 0); });
  text.addEventListener("keyup", function (event) { if (event.shiftKey) onSelect(); });
  button.addEventListener("click", function () {
    if (sectionField) sectionField.value = chosen.section;
    if (passageField) passageField.value = chosen.passage;
    button.hidden = true;
    form.scrollIntoView({ block: "start" });
    commentField.focus();
  });
})();

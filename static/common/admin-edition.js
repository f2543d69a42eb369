// An item's words run in its edition's direction in the form, whatever the admin's own language:
// the title, lead, description, summary, corrections and body editor of an Arabic or Persian
// item are written right to left. The edition field lists the editions written so
// (data-rtl-editions); a change of edition turns the fields at once.
"use strict";
(function () {
  const TEXT = "#id_title, #id_lead, #id_description, #id_summary, textarea[name$='-text'], [contenteditable=true]";

  function apply() {
    const select = document.querySelector("select[data-rtl-editions]");
    if (!select) return;
    const rtl = select.dataset.rtlEditions.split(" ").includes(select.value);
    document.querySelectorAll(TEXT).forEach((field) => {
      if (field.getAttribute("lang") === select.value) return;
      field.setAttribute("dir", rtl ? "rtl" : "ltr");
      field.setAttribute("lang", select.value);
    });
  }

  function start() {
    apply();
    document.addEventListener("change", (event) => {
      if (event.target.matches("select[data-rtl-editions]")) apply();
    });
    // The body editor and inline rows are drawn by scripts after the page.
    let pending = false;
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        apply();
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

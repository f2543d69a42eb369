// Accessible names for the admin's scripted widgets, which draw controls of their own: the
// autocomplete selects (select2), the body editor (ProseMirror) and the date and time inputs.
// Each gets the name of its field's label, including widgets added later (inline rows).
"use strict";
(function () {
  function fieldLabel(control) {
    if (!control) return "";
    const label = control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    // Tabular inlines name their fields in the column headers.
    const cell = control.closest("td[class*='field-']");
    const field = cell && Array.from(cell.classList).find((name) => name.startsWith("field-"));
    const header = field && cell.closest("table").querySelector(`th.column-${field.slice(6)}`);
    return header ? header.textContent.trim() : control.name || "";
  }

  function labelId(control) {
    const label = control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    if (!label) return "";
    if (!label.id) label.id = `${control.id}-label`;
    return label.id;
  }

  function name(element, text) {
    if (text && !element.getAttribute("aria-label")) element.setAttribute("aria-label", text);
  }

  function fix(root) {
    root.querySelectorAll("select.admin-autocomplete, select[data-select2-id]").forEach((select) => {
      const widget = select.nextElementSibling;
      if (!widget || !widget.classList.contains("select2")) return;
      const text = fieldLabel(select);
      const id = labelId(select);
      widget.querySelectorAll("[role=combobox]").forEach((box) => {
        const labelledBy = box.getAttribute("aria-labelledby") || "";
        if (id && !labelledBy.split(" ").includes(id)) box.setAttribute("aria-labelledby", `${id} ${labelledBy}`.trim());
        else if (!id) name(box, text);
      });
      widget.querySelectorAll(".select2-search__field").forEach((search) => name(search, text));
      // The shown choice (empty when none is chosen) is named by the label and its own text.
      widget.querySelectorAll("[role=textbox][id]").forEach((shown) => {
        if (id) shown.setAttribute("aria-labelledby", `${id} ${shown.id}`);
        else name(shown, text);
      });
    });
    root.querySelectorAll("[contenteditable=true]").forEach((editor) => {
      const wrapper = editor.closest(".prose-editor") || editor.parentElement;
      const textarea = wrapper && (wrapper.querySelector("textarea") || wrapper.parentElement.querySelector("textarea"));
      name(editor, fieldLabel(textarea));
    });
    // A list's editable cells: their column and their row's title.
    root.querySelectorAll("#result_list td input:not([type=hidden]):not(.action-select), #result_list td select").forEach((control) => {
      const title = control.closest("tr").querySelector("th");
      if (!control.closest("p.datetime")) name(control, `${fieldLabel(control)}: ${title ? title.textContent.trim() : ""}`);
    });
    root.querySelectorAll("p.datetime").forEach((row) => {
      const [date, time] = row.querySelectorAll("input:not([type=hidden])");
      const text = fieldLabel(date) || fieldLabel(row.closest(".form-row, td") && row.closest(".form-row, td").querySelector("input"));
      const words = document.documentElement.dataset;
      if (date) name(date, `${text} (${words.dateWord || "date"})`);
      if (time) name(time, `${text} (${words.timeWord || "time"})`);
    });
  }

  function start() {
    fix(document);
    let pending = false;
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(() => {
        pending = false;
        fix(document);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

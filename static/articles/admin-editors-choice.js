// Editor's Choice in admin: order the picks by dragging their rows or with Up/Down buttons
// (keyboard); the positions are renumbered in the new order and saved with the list's Save.
// Without this script the positions are typed.
"use strict";
(function () {
  function start() {
    const table = document.querySelector("#result_list");
    const status = document.querySelector("[data-order-status]");
    if (!table || !status) return;
    const body = table.tBodies[0];
    const rows = () => Array.from(body.rows);
    const positionInput = (row) => row.querySelector('input[name$="-position"]');
    if (!rows().length || !positionInput(rows()[0])) return;
    const title = (row) => (row.querySelector("th a, td a") || row).textContent.trim();

    function renumber(moved) {
      rows().forEach((row, index) => {
        positionInput(row).value = String((index + 1) * 10);
      });
      const place = rows().indexOf(moved) + 1;
      status.textContent = status.dataset.movedText.replace("%(title)s", title(moved)).replace("%(place)s", place)
        + " " + status.dataset.changedText;
    }

    function move(row, step) {
      const all = rows();
      const target = all[all.indexOf(row) + step];
      if (!target) return;
      if (step < 0) body.insertBefore(row, target);
      else body.insertBefore(target, row);
      renumber(row);
    }

    let dragged = null;
    rows().forEach((row) => {
      const cell = row.querySelector("td.field-position") || row.cells[row.cells.length - 1];
      const up = document.createElement("button");
      up.type = "button";
      up.className = "pick-move";
      up.textContent = "↑";
      up.setAttribute("aria-label", status.dataset.upText.replace("%s", title(row)));
      const down = up.cloneNode(true);
      down.textContent = "↓";
      down.setAttribute("aria-label", status.dataset.downText.replace("%s", title(row)));
      up.addEventListener("click", () => { move(row, -1); up.focus(); });
      down.addEventListener("click", () => { move(row, 1); down.focus(); });
      cell.append(" ", up, " ", down);

      row.draggable = true;
      row.classList.add("pick-row");
      row.addEventListener("dragstart", (event) => {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", title(row));
        row.classList.add("pick-row--dragging");
      });
      row.addEventListener("dragend", () => { row.classList.remove("pick-row--dragging"); dragged = null; });
      row.addEventListener("dragover", (event) => { if (dragged && dragged !== row) event.preventDefault(); });
      row.addEventListener("drop", (event) => {
        event.preventDefault();
        if (!dragged || dragged === row) return;
        const box = row.getBoundingClientRect();
        body.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
        renumber(dragged);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

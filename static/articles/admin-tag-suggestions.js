/* Suggest existing tags while an editor types in the comma-separated tag field.
   A <datalist> holds "everything typed so far, <suggestion>" so that picking an
   option completes only the tag being typed. Without JavaScript the field is a
   plain text input and still works. */
"use strict";
(function () {
  function setUp(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let lastQuery = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        const parts = input.value.split(",");
        const query = parts[parts.length - 1].trim();
        if (query.length < 2 || query === lastQuery) return;
        lastQuery = query;
        const prefix = parts.slice(0, -1).map((part) => part.trim()).filter(Boolean);
        const response = await fetch(input.dataset.tagSuggestions + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.tags.map(function (tag) {
            const option = document.createElement("option");
            const name = tag.includes(",") || tag.includes(" ") ? '"' + tag + '"' : tag;
            option.value = prefix.concat([name]).join(", ");
            return option;
          })
        );
      }, 200);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-suggestions]").forEach(setUp);
  });
})();

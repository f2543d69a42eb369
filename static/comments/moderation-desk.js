// The moderation desk's keyboard and in-place decisions (comments/admin.py). Without this
// script every button is an ordinary form that comes back to the desk at the next comment.
"use strict";
(function () {
  function start() {
    const desk = document.querySelector("[data-moderation-desk]");
    if (!desk) return;
    const status = desk.querySelector("[data-desk-status]");
    const cards = () => Array.from(desk.querySelectorAll("[data-comment]"));

    function show(card) {
      if (!card) return;
      card.focus();
      card.scrollIntoView({ block: "nearest" });
    }

    const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    show(target && target.matches("[data-comment]") ? target : cards()[0]);

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, textarea, select, [contenteditable]")) return;
      const key = event.key.toLowerCase();
      const all = cards();
      const current = (document.activeElement && document.activeElement.closest("[data-comment]")) || all[0];
      if (!current) return;
      const index = all.indexOf(current);
      if (key === "j" || key === "k") {
        event.preventDefault();
        show(all[key === "j" ? Math.min(index + 1, all.length - 1) : Math.max(index - 1, 0)]);
        return;
      }
      const button = current.querySelector(`button[data-key="${key}"]`);
      if (button) {
        event.preventDefault();
        button.form.requestSubmit(button);
      }
    });

    desk.addEventListener("submit", async (event) => {
      const form = event.target;
      const card = form.closest("[data-comment]");
      if (!card) return;
      event.preventDefault();
      const data = new FormData(form, event.submitter);
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const answer = await response.json();
        status.textContent = answer.message;
        if (!answer.ok) return;
        const all = cards();
        const index = all.indexOf(card);
        const next = all[index + 1] || all[index - 1];
        card.remove();
        if (next) show(next);
        else {
          status.textContent = answer.message + " " + desk.dataset.emptyText;
          status.setAttribute("tabindex", "-1");
          status.focus();
          if (answer.next) window.location.reload(); // the next page of the queue
        }
      } catch (error) {
        // Fall back to the ordinary form, with the button that was pressed.
        if (event.submitter && event.submitter.name) {
          const pressed = document.createElement("input");
          pressed.type = "hidden";
          pressed.name = event.submitter.name;
          pressed.value = event.submitter.value;
          form.append(pressed);
        }
        form.submit();
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

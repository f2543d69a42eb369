// Autosave of admin change forms (common/editing.py): while someone writes, the form is sent
// every little while to the autosave address, which keeps it as their draft without saving
// or publishing the item. Files are not sent (the form keeps them itself).
"use strict";
(function () {
  function start() {
    const status = document.querySelector(".newsroom-autosave[data-autosave-url]");
    if (!status) return;
    const form = status.closest("form");
    const url = status.dataset.autosaveUrl;
    const every = Math.max(5, Number(status.dataset.autosaveSeconds) || 20) * 1000;
    let changed = false;
    let sending = false;

    form.addEventListener("input", () => { changed = true; });
    form.addEventListener("change", () => { changed = true; });
    form.addEventListener("submit", () => { changed = false; });

    async function keep() {
      if (!changed || sending) return;
      sending = true;
      changed = false;
      const data = new FormData(form);
      for (const [name, value] of Array.from(data.entries())) {
        if (value instanceof File) data.delete(name);
      }
      try {
        const response = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
        const answer = await response.json();
        if (!response.ok) throw new Error(answer.error || response.statusText);
        let text = answer.message;
        if (answer.others && answer.others.length) {
          text += " " + status.dataset.othersText.replace("%s", answer.others.join(", "));
        }
        status.textContent = text;
      } catch (error) {
        changed = true; // try again next time
        status.textContent = status.dataset.failedText;
      } finally {
        sending = false;
      }
    }
    window.setInterval(keep, every);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* "2 hours ago": times of the last day said relative to now, in the page's language. The
   page (one copy for every reader, cached) writes the moment with its time zone; this only
   rewords it, keeps the exact moment as the element's title, and updates every minute. */
"use strict";
(function () {
  if (!window.Intl || !Intl.RelativeTimeFormat) return;
  const DAY = 24 * 60 * 60 * 1000;
  let format = null;

  function reword() {
    format = format || new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" });
    const now = Date.now();
    document.querySelectorAll("time[data-relative][datetime]").forEach(function (element) {
      if (!element.dataset.exact) element.dataset.exact = element.textContent;
      const age = now - Date.parse(element.getAttribute("datetime"));
      if (!(age >= 0 && age < DAY)) {
        element.textContent = element.dataset.exact;
        return;
      }
      const minutes = Math.floor(age / 60000);
      element.textContent =
        minutes < 60 ? format.format(-minutes, "minute") : format.format(-Math.floor(minutes / 60), "hour");
      element.title = element.dataset.exact;
    });
  }

  // After the page has settled: nothing here is urgent.
  (window.requestIdleCallback || setTimeout)(function () {
    reword();
    setInterval(reword, 60000);
  });
})();

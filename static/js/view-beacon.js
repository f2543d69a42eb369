/* Count this page view: one small request, sent once the page is really shown
   (not while the browser prerenders it). Sends no cookie-bound data. */
"use strict";
(function () {
  const marker = document.querySelector("[data-view-beacon]");
  if (!marker) return;
  const url = marker.dataset.viewBeacon;
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

/* The device's own share sheet (phones), where the browser offers one: the plain links beside
   it work everywhere else. */
"use strict";
(function () {
  if (!navigator.share) return;
  document.querySelectorAll("[data-share]").forEach(function (button) {
    button.closest(".share__device").hidden = false;
    button.addEventListener("click", function () {
      navigator
        .share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
        .catch(function () {
          /* Closed without sharing: nothing to do. */
        });
    });
  });
})();

/* Film embeds: the provider's player is loaded only when the reader presses Play.
   Without JavaScript the link opens the film on the provider's site. */
"use strict";
(function () {
  document.querySelectorAll("a.film-facade[data-player]").forEach(function (facade) {
    facade.addEventListener("click", function (event) {
      event.preventDefault();
      const frame = document.createElement("iframe");
      const separator = facade.dataset.player.includes("?") ? "&" : "?";
      frame.src = facade.dataset.player + separator + "autoplay=1";
      frame.title = facade.dataset.title;
      frame.className = "film-player__frame";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.allowFullscreen = true;
      facade.replaceWith(frame);
      frame.focus();
    });
  });
})();

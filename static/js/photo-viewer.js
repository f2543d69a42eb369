/* Album viewer: opens a photo in a dialog with previous, next and close, the arrow
   keys and Escape. Without JavaScript the same links open the server-rendered
   viewer (?photo=N), so every photo stays reachable. */
"use strict";
(function () {
  const grid = document.querySelector("[data-photo-viewer]");
  if (!grid || typeof HTMLDialogElement === "undefined") return;
  const links = Array.from(grid.querySelectorAll("a"));
  if (!links.length) return;

  const dialog = document.createElement("dialog");
  dialog.className = "photo-dialog";
  dialog.setAttribute("aria-label", document.title);
  dialog.innerHTML =
    '<figure class="photo-dialog__figure"><img alt=""><figcaption></figcaption></figure>' +
    '<div class="photo-dialog__nav">' +
    '<button type="button" data-move="-1"></button>' +
    '<button type="button" data-close></button>' +
    '<button type="button" data-move="1"></button></div>';
  document.body.append(dialog);
  const image = dialog.querySelector("img");
  const caption = dialog.querySelector("figcaption");
  const [previousButton, closeButton, nextButton] = dialog.querySelectorAll("button");
  // The arrows are pictures of a direction (site.css mirrors them right to left), not words.
  function arrow(symbol) {
    const span = document.createElement("span");
    span.className = "arrow";
    span.setAttribute("aria-hidden", "true");
    span.textContent = symbol;
    return span;
  }
  previousButton.append(arrow("←"), " " + grid.dataset.labelPrevious);
  nextButton.append(grid.dataset.labelNext + " ", arrow("→"));
  closeButton.textContent = grid.dataset.labelClose;
  let current = 0;
  let opener = null;

  function show(index) {
    current = (index + links.length) % links.length;
    const link = links[current];
    const thumbnail = link.querySelector("img");
    image.src = thumbnail.currentSrc || thumbnail.src;
    if (thumbnail.srcset) {
      image.srcset = thumbnail.srcset;
      image.sizes = "100vw";
    }
    image.alt = thumbnail.alt;
    caption.textContent = [link.dataset.caption, link.dataset.credit, link.dataset.count].filter(Boolean).join(" · ");
    previousButton.disabled = links.length < 2;
    nextButton.disabled = links.length < 2;
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      closeButton.focus();
    });
  });
  dialog.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (button && button.dataset.move) show(current + Number(button.dataset.move));
    else if (button && "close" in button.dataset) dialog.close();
    else if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener("keydown", function (event) {
    // The arrow keys follow the reading direction: in Arabic and Persian, ArrowLeft is next.
    const rtl = getComputedStyle(dialog).direction === "rtl";
    if (event.key === "ArrowRight") show(current + (rtl ? -1 : 1));
    else if (event.key === "ArrowLeft") show(current + (rtl ? 1 : -1));
    else return;
    event.preventDefault();
  });
  dialog.addEventListener("close", function () {
    // After the browser has returned focus to the opener: move it to the photo last seen.
    if (opener) requestAnimationFrame(function () { links[current].focus(); });
  });
})();

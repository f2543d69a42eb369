/* The comment form: reader pages are one copy for everyone, so the form carries no token of
   its own. As soon as the reader starts writing, ask the site for one (bound to this reader,
   good for one comment). Without JavaScript the site asks the reader to confirm instead. */
"use strict";
(function () {
  document.querySelectorAll("[data-comment-form]").forEach(function (form) {
    const tokenField = form.querySelector('input[name="token"]');
    let request = null;

    function fetchToken() {
      if (request || tokenField.value) return request;
      const body = new FormData();
      body.append("target", form.querySelector('input[name="target"]').value);
      request = fetch(form.dataset.startUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          if (data.token) tokenField.value = data.token;
        })
        .catch(function () {
          /* No token: the site shows the comment again to confirm it. */
        });
      return request;
    }

    form.addEventListener("focusin", fetchToken, { once: true });
    form.addEventListener("input", fetchToken, { once: true });
    form.addEventListener("submit", function (event) {
      if (tokenField.value || !request) return;
      // The token is on its way: send once it has arrived.
      event.preventDefault();
      request.then(function () {
        form.submit();
      });
    });
  });
})();

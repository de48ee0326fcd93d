/* The share row under a post (partials/share.html): "Share" opens the
   phone's own share sheet (the Web Share API) and "Copy link" puts the
   post's address on the clipboard. Each is shown only where the browser
   can do it; without this script the plain links alone are there. */
(function () {
  "use strict";
  var row = document.querySelector(".share");
  if (!row) return;
  var post = { title: row.getAttribute("data-title"), url: row.getAttribute("data-url") };
  var status = row.querySelector(".share-status");

  function offer(button, action) {
    button.parentNode.hidden = false;
    button.addEventListener("click", action);
  }

  if (typeof navigator.share === "function") {
    offer(row.querySelector(".share-native"), function () {
      navigator.share(post).catch(function () {}); // closed by the reader: nothing to say
    });
  }
  if (navigator.clipboard && window.isSecureContext) {
    offer(row.querySelector(".share-copy"), function () {
      navigator.clipboard.writeText(post.url).then(function () {
        status.textContent = "Link copied.";
      }, function () {
        status.textContent = "Could not copy: the address is " + post.url;
      });
    });
  }
})();

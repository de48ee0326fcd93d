// Video embeds (plugins/videos): each is a link to the video on YouTube.
// Here it becomes a "Play video" button; pressing it swaps in the
// youtube-nocookie player, so nothing comes from YouTube before that.
(function () {
  function play(link) {
    var frame = document.createElement("iframe");
    frame.src = link.dataset.player;
    frame.title = link.querySelector(".video-title").textContent;
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.className = "video-frame";
    link.replaceWith(frame);
    frame.focus();
  }
  document.querySelectorAll("a[data-player]").forEach(function (link) {
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return; // new tab: YouTube
      event.preventDefault();
      play(link);
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        play(link);
      }
    });
  });
})();

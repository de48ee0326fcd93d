// The editor at /admin/: its preview in the site's own stylesheet, and two
// buttons in the post editor that write what the site's plugins read: a
// video address on a line of its own (the video plugin makes it a player),
// and a photo with the words that describe it (the build requires them).
(function () {
  "use strict";
  var CMS = window.CMS;
  // Any line on a YouTube or Vimeo host: the body's own rule (admin.py's
  // POST_RULES) refuses, on saving, one the site cannot play.
  var VIDEO = /^(https?:\/\/(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com)\/\S+)$/m;
  var PHOTO = /^!\[([^\]\n]+)\]\(([^)\s]+)\)$/m;

  // Text made safe for HTML, in an element or in a quoted attribute.
  function text(value) {
    return String(value == null ? "" : value).replace(/&/g, "&amp;").replace(/</g, "&lt;")
      .replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // The site's stylesheet, wherever THEME_STATIC_DIR puts it (plugins/admin/admin.py).
  CMS.registerPreviewStyle(document.currentScript.dataset.previewStyle);
  // The site's name: the mark a video's styled poster shows (data-mark).
  var SITE_NAME = document.currentScript.dataset.siteName || "";

  // -- The preview of a post: the article as the site renders it -------------
  // (theme/templates/article.html: the header with the title and the meta
  // line, then the body; a video as plugins/videos' embed, a photo with its
  // description). The editor gives React's h(), marked and DOMPurify.
  var h = window.h;
  var YOUTUBE_ID = /(?:youtu\.be\/|[?&]v=|\/(?:embed|shorts|live|v)\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/;
  var VIMEO_ID = /vimeo\.com\/(?:video\/|channels\/[^\/\s]+\/|groups\/[^\/\s]+\/videos\/)?(\d{6,12})/;
  var LONE_VIDEO_LINE = /^[ \t]*<?(https?:\/\/\S+?)>?[ \t]*$/;
  var LONE_VIDEO_LINK = /^\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)$/;
  var EMBED_CODE = /<iframe\b[^>]*\bsrc="((?:https?:)?\/\/(?:(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/|player\.vimeo\.com\/video\/)[^"]*)"[^>]*>\s*<\/iframe>/g;

  // {watch, player} of a video address the site plays, or null.
  function videoOf(address) {
    var youtube = address.match(YOUTUBE_ID);
    if (youtube && /youtu\.?be/.test(address)) {
      return { watch: "https://www.youtube.com/watch?v=" + youtube[1],
               player: "https://www.youtube-nocookie.com/embed/" + youtube[1] + "?autoplay=1" };
    }
    var vimeo = address.match(VIMEO_ID);
    if (vimeo) {
      return { watch: "https://vimeo.com/" + vimeo[1],
               player: "https://player.vimeo.com/video/" + vimeo[1] + "?dnt=1&autoplay=1" };
    }
    return null;
  }

  // The site's embed (plugins/videos/youtube.py embed_html): a link with the
  // title and a play mark; nothing comes from YouTube in the preview.
  function embed(video, title) {
    return "\n<div class=\"video video-styled\" data-mark=\"" + text(SITE_NAME) +
      "\"><a class=\"video-link\" href=\"" + text(video.watch) +
      "\" data-player=\"" + text(video.player) + "\" aria-label=\"" +
      text("Play video: " + title) + "\"><span class=\"video-title\">" + text(title) +
      "</span><span class=\"video-play\" aria-hidden=\"true\"></span></a></div>\n";
  }

  // The body's Markdown with each video as the site shows it: an address alone
  // on its line, a paragraph that is only a link to one, pasted embed code.
  function withVideos(markdown, postTitle) {
    var fallback = "Video from: " + postTitle;
    markdown = markdown.replace(EMBED_CODE, function (code, src) {
      var video = videoOf(src);
      return video ? embed(video, fallback) : code;
    });
    return markdown.split(/\n{2,}/).map(function (block) {
      var link = block.trim().match(LONE_VIDEO_LINK);
      var video = link && videoOf(link[2]);
      if (video) return embed(video, link[1].replace(/\\(.)/g, "$1").trim() || fallback);
      return block.split("\n").map(function (line) {
        var lone = line.match(LONE_VIDEO_LINE);
        var found = lone && videoOf(lone[1]);
        return found ? embed(found, fallback) : line;
      }).join("\n");
    }).join("\n\n");
  }

  // The body as HTML: Markdown, the videos, photos from the editor's copy of them.
  function bodyHTML(markdown, postTitle, getAsset) {
    // In a document of its own, so that nothing loads before the paths are set.
    var holder = document.implementation.createHTMLDocument("").createElement("div");
    holder.innerHTML = window.DOMPurify.sanitize(
      window.marked.parse(withVideos(markdown || "", postTitle)));
    holder.querySelectorAll("img").forEach(function (image) {
      var src = image.getAttribute("src");
      var asset = src && getAsset(src);  // a photo being added has none yet
      if (asset) image.setAttribute("src", String(asset));
      image.setAttribute("decoding", "async");
    });
    return holder.innerHTML;
  }

  function plain(value) {
    return value && value.toJS ? value.toJS() : value;
  }

  function PostPreview(props) {
    var data = function (name) { return plain(props.entry.getIn(["data", name])); };
    var title = data("title") || "";
    var date = data("date") ? new Date(String(data("date")).replace(" ", "T")) : null;
    var tags = data("tags") || [];
    var meta = [];
    if (date && !isNaN(date)) {
      meta.push(h("time", { key: "date", dateTime: date.toISOString() },
        date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })));
    }
    var body = bodyHTML(data("body"), title, props.getAsset);
    var videos = (body.match(/<div class="video[ "]/g) || []).length;
    if (videos) {
      meta.push(h("span", { key: "videos" }, " · ",
        h("span", { className: "video-mark" }, videos + " video" + (videos > 1 ? "s" : ""))));
    }
    if (data("category")) meta.push(h("span", { key: "category" }, " · in ", h("a", null, data("category"))));
    if (tags.length) meta.push(h("span", { key: "tags" }, " · Tags: " + tags.join(", ")));
    return h("main", { id: "main" },
      h("article", { className: "post" },
        h("header", null,
          h("h1", null, title),
          h("p", { className: "post-meta" }, meta),
          data("status") !== "published" ?
            h("p", { className: "notice" }, "Draft: only in this preview, not on the live site.") : null),
        h("div", { className: "post-body",
                   dangerouslySetInnerHTML: { __html: body } })));
  }

  CMS.registerPreviewTemplate("posts", PostPreview);

  CMS.registerEditorComponent({
    id: "video",
    label: "Video",
    icon: "smart_display",
    fields: [{
      name: "url", label: "The YouTube or Vimeo address (from its Share button)",
      widget: "string", required: true
    }],
    pattern: VIDEO,
    fromBlock: function (match) { return { url: match[1] }; },
    toBlock: function (data) { return (data.url || "").trim(); },
    toPreview: function (data) {
      return "<p>Video: <a href=\"" + text(data.url) + "\">" +
        text(data.url) + "</a></p>";
    }
  });

  CMS.registerEditorComponent({
    id: "photo",
    label: "Photo",
    icon: "photo",
    fields: [
      { name: "src", label: "Photo", widget: "image" },
      { name: "alt", label: "What the photo shows (for readers who cannot see it)",
        widget: "string", required: true,
        pattern: ["\\S", "Describe what the photo shows: readers who cannot see it hear this."] }
    ],
    pattern: PHOTO,
    fromBlock: function (match) { return { alt: match[1], src: match[2] }; },
    toBlock: function (data) { return "![" + (data.alt || "").trim() + "](" + data.src + ")"; },
    toPreview: function (data) {
      return "<img src=\"" + text(data.src) + "\" alt=\"" + text(data.alt) + "\">";
    }
  });
})();

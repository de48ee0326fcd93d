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

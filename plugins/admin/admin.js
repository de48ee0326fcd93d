// The editor at /admin/: its preview in the site's own stylesheet, and two
// buttons in the post editor that write what the site's plugins read: a
// video address on a line of its own (the video plugin makes it a player),
// and a photo with the words that describe it (the build requires them).
(function () {
  "use strict";
  var CMS = window.CMS;
  var VIDEO = /^(https?:\/\/(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com)\/\S+)$/m;
  var PHOTO = /^!\[([^\]\n]+)\]\(([^)\s]+)\)$/m;

  function text(value) {
    var holder = document.createElement("span");
    holder.textContent = value || "";
    return holder.innerHTML;
  }

  // The site's stylesheet, wherever THEME_STATIC_DIR puts it (plugins/admin/admin.py).
  CMS.registerPreviewStyle(document.currentScript.dataset.previewStyle);

  CMS.registerEditorComponent({
    id: "video",
    label: "Video",
    icon: "smart_display",
    fields: [{
      name: "url", label: "The YouTube or Vimeo address (from its Share button)",
      widget: "string", pattern: [VIDEO.source, "Paste a YouTube or Vimeo address"]
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
        widget: "string" }
    ],
    pattern: PHOTO,
    fromBlock: function (match) { return { alt: match[1], src: match[2] }; },
    toBlock: function (data) { return "![" + (data.alt || "").trim() + "](" + data.src + ")"; },
    toPreview: function (data) {
      return "<img src=\"" + text(data.src) + "\" alt=\"" + text(data.alt) + "\">";
    }
  });
})();

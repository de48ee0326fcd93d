// The editor at /admin/ asks GitHub's status page whether GitHub is down, every
// five minutes from the moment it opens, even before she signs in and when she
// works on the laptop's own folder. Until she has signed in with GitHub (the
// editor keeps who signed in, and how, in localStorage), this answers the
// question itself, "unknown" (which shows nothing), so that the page reaches
// no other site before she signs in. Loaded before the editor.
(function () {
  "use strict";
  var STATUS = "https://www.githubstatus.com/";
  var browserFetch = window.fetch.bind(window);

  function signedInWithGitHub() {
    try {
      var user = JSON.parse(localStorage.getItem("sveltia-cms.user") || "null");
      return Boolean(user && user.backendName === "github" && user.token);
    } catch (error) {
      return false;
    }
  }

  window.fetch = function (resource, options) {
    var address = typeof resource === "string" ? resource : String(resource && resource.url);
    if (address.indexOf(STATUS) === 0 && !signedInWithGitHub()) {
      return Promise.resolve(new Response(JSON.stringify({ status: { indicator: "unknown" } }),
        { status: 200, headers: { "Content-Type": "application/json" } }));
    }
    return browserFetch(resource, options);
  };
})();

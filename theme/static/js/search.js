// The Search page: queries Pagefind's index (loaded only here, on first use)
// and lists the matching posts with their date and an excerpt, narrowed by
// category and tag. The page works without this script: it then says so.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = new URL(script.dataset.bundle, document.baseURI);
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var selects = form.querySelectorAll("select[data-filter]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var pagefind = null;
  var timer = null;

  document.querySelector(".search-no-script").hidden = true;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (api) {
        // Results link from the site's root, which may be a sub-path.
        return api.options({ baseUrl: new URL("..", bundle).pathname }).then(function () {
          return api.filters().then(function (filters) { fillFilters(filters); return api; });
        });
      });
    }
    return pagefind;
  }

  function fillFilters(filters) {
    selects.forEach(function (select) {
      Object.keys(filters[select.dataset.filter] || {}).sort().forEach(function (value) {
        select.add(new Option(value, value));
      });
    });
    form.querySelector(".search-filters").hidden = false;
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value) chosen[select.dataset.filter] = select.value;
    });
    return chosen;
  }

  function show(results, query) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      if (result.meta.date) {
        var date = document.createElement("p");
        date.className = "post-meta";
        date.textContent = result.meta.date;
        item.appendChild(date);
      }
      var excerpt = document.createElement("p");
      excerpt.innerHTML = result.excerpt; // Pagefind's escaped text with <mark>
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " post" : " posts") + " found for “" + query + "”."
      : "No posts found for “" + query + "”. Try other or fewer words, or another category or tag.";
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    load().then(function (api) {
      return api.search(query || null, { filters: filters });
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      show(results, query || "the chosen filters");
    }).catch(function () {
      status.textContent = "Search could not load. Please try again, or browse the archives.";
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
  selects.forEach(function (select) { select.addEventListener("change", run); });
  input.addEventListener("focus", load, { once: true }); // warm up on intent

  var query = new URLSearchParams(location.search).get("q");
  if (query) { input.value = query; run(); }
})();

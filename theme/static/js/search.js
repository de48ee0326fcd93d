// The Search page: queries Pagefind's index (loaded only here, on first use)
// and lists the matching posts with their date, summary and tags, narrowed by
// category and tag. Without this script the page says so (its <noscript>).
// The summary is the post's own (its meta description, which Pagefind keeps
// as "summary"), never Pagefind's excerpt: that is a window around the match
// which starts and stops mid-sentence. The query's words are marked in it.
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

  // The words of the query, lower case: a word of the summary is marked when
  // it starts with one (Pagefind matches "glute" to "glutes" too).
  function queryWords(query) {
    return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word.length > 1; });
  }

  function matches(word, words) {
    word = word.toLowerCase();
    return words.some(function (q) { return word.indexOf(q) === 0 || (word.length > 3 && q.indexOf(word) === 0); });
  }

  // `text` into `parent` as text nodes, its matching words in <mark> (no HTML parsed).
  function appendMarked(parent, text, words) {
    text.split(/([\p{L}\p{N}\u2019']+)/u).forEach(function (part, index) {
      if (index % 2 && matches(part, words)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(result, words) {
    var item = element("li", "search-result");
    var heading = element("h2");
    var link = element("a", "", result.meta.title);
    link.href = result.url;
    heading.appendChild(link);
    item.appendChild(heading);
    if (result.meta.date) item.appendChild(element("p", "post-meta", result.meta.date));
    var summary = element("p", "search-summary");
    appendMarked(summary, result.meta.summary || "", words);
    item.appendChild(summary);
    var tags = (result.filters && result.filters.tag) || [];
    if (tags.length) {
      var tagList = element("ul", "search-tags");
      tagList.setAttribute("aria-label", "Tags");
      tags.forEach(function (tag) { tagList.appendChild(element("li", "", tag)); });
      item.appendChild(tagList);
    }
    return item;
  }

  function show(results, query) {
    var words = queryWords(query);
    list.textContent = "";
    results.forEach(function (result) { list.appendChild(resultItem(result, words)); });
    var said = query || "the chosen filters";
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " post" : " posts") + " found for “" + said + "”."
      : "No posts found for “" + said + "”. Try other or fewer words, or another category or tag.";
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
      show(results, query);
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

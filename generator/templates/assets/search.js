// The 搜索 page: queries the site's Pagefind index (pagefind/), which is split into small
// chunks by word, so a search downloads a few chunks and the excerpts it shows, never the
// whole index.  Nothing loads until the page is a search page.  Titles and excerpts go
// into the page as text nodes only.  The staff and reviewer guides are searched only when
// asked for (the audience filter, generator/site/search.py).
(function () {
  "use strict";

  var SHOWN = 10;  // each result shown fetches its page's excerpt

  // Pagefind's excerpt is escaped page text with <mark> around the words found: keep the
  // text and the marks, and nothing else.
  function excerpt(html) {
    var p = document.createElement("p");
    var body = new DOMParser().parseFromString(html, "text/html").body;
    body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
    return p;
  }

  function setup(root) {
    var input = root.querySelector("#tc-search-input");
    var staff = root.querySelector("#tc-search-staff");
    var status = root.querySelector("#tc-search-status");
    var list = root.querySelector("#tc-search-results");
    var bundle = new URL(root.getAttribute("data-bundle"), window.location.href);
    var loading = null;
    var asked = 0;

    function pagefind() {
      if (!loading) {
        loading = import(new URL("pagefind.js", bundle).href).then(function (pf) {
          return pf.options({ baseUrl: new URL("..", bundle).pathname }).then(function () { return pf; });
        });
      }
      return loading;
    }

    function show(query, search) {
      var results = search.results.slice(0, SHOWN);
      return Promise.all(results.map(function (r) { return r.data(); })).then(function (pages) {
        list.replaceChildren();
        pages.forEach(function (page) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = page.url;
          link.textContent = (page.meta && page.meta.title) || page.url;
          li.appendChild(link);
          li.appendChild(excerpt(page.excerpt || ""));
          list.appendChild(li);
        });
        var more = search.results.length > SHOWN ? "，下面是前 " + SHOWN + " 个" : "";
        status.textContent = search.results.length
          ? "“" + query + "”：找到 " + search.results.length + " 个页面" + more + "。"
          : "没有找到含“" + query + "”的页面。";
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++asked;
      if (!query) {
        list.replaceChildren();
        status.textContent = "";
        return;
      }
      status.textContent = "正在搜索……";
      pagefind()
        .then(function (pf) { return pf.search(query, staff.checked ? {} : { filters: { audience: "public" } }); })
        .then(function (search) { if (mine === asked) return show(query, search); })
        .catch(function () { status.textContent = "搜索暂时不可用：本站的搜索索引没有找到。"; });
    }

    var timer = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 300);
    });
    staff.addEventListener("change", run);
    root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value.trim());
      if (staff.checked) url.searchParams.set("staff", "1");
      else url.searchParams.delete("staff");
      window.history.replaceState(null, "", url.href);
      run();
    });
    var params = new URL(window.location.href).searchParams;
    staff.checked = params.get("staff") === "1";
    var query = params.get("q");
    if (query) {
      input.value = query;
      run();
    }
  }

  function init() {
    var root = document.getElementById("tc-search");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    setup(root);
  }

  if (window.document$) {
    window.document$.subscribe(init);  // Material's instant navigation swaps pages in place
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

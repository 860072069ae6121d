// The 搜索 page: queries the site's Pagefind index (pagefind/), which is split into small
// chunks by word, so a search downloads a few chunks and the excerpts it shows, never the
// whole index.  Nothing loads until the page is a search page.  Titles and excerpts go
// into the page as text nodes only.  The staff and reviewer guides have an index of their
// own (pagefind-staff/), searched beside the citizens' one only when asked for.
(function () {
  "use strict";

  var SHOWN = 10;  // each result shown fetches its page's excerpt
  var LOOKED = 60;  // narrowed to one list, at most this many results' data is fetched

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
    var kind = root.querySelector("#tc-search-kind");
    var status = root.querySelector("#tc-search-status");
    var list = root.querySelector("#tc-search-results");
    var bundles = [root.getAttribute("data-bundle"), root.getAttribute("data-staff-bundle")].map(function (b) {
      return new URL(b, window.location.href);
    });
    var loading = [null, null];
    var asked = 0;

    // Each bundle's pagefind.js is a module of its own: two indexes, searched apart.
    function pagefind(n) {
      if (!loading[n]) {
        loading[n] = import(new URL("pagefind.js", bundles[n]).href).then(function (pf) {
          return pf.options({ baseUrl: new URL("..", bundles[n]).pathname }).then(function () { return pf; });
        });
      }
      return loading[n];
    }

    function find(query) {
      var wanted = staff.checked ? [0, 1] : [0];
      return Promise.all(wanted.map(function (n) {
        return pagefind(n).then(function (pf) { return pf.search(query); });
      })).then(function (searches) {
        var results = searches.reduce(function (all, s) { return all.concat(s.results); }, []);
        results.sort(function (a, b) { return b.score - a.score; });
        return { results: results };
      });
    }

    // Narrowed to one list, a matter page of the other list is left out (its list is the
    // page's meta); the results' data is fetched a few at a time until enough are kept.
    function kept(results, wanted) {
      var pages = [];
      function next(from) {
        if (pages.length >= SHOWN || from >= results.length || from >= LOOKED) return Promise.resolve(pages);
        return Promise.all(results.slice(from, from + SHOWN).map(function (r) { return r.data(); })).then(function (batch) {
          batch.forEach(function (page) {
            var on = page.meta && page.meta.list;  // a matter page's list; other pages have none
            if (pages.length < SHOWN && (!wanted || !on || on === wanted)) pages.push(page);
          });
          return next(from + SHOWN);
        });
      }
      return next(0);
    }

    function show(query, search) {
      var wanted = kind.value;
      return kept(search.results, wanted).then(function (pages) {
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
        if (!pages.length) {
          status.textContent = "没有找到含“" + query + "”的" + (wanted ? wanted + "事项或其他" : "") + "页面。";
        } else if (wanted) {
          status.textContent = "“" + query + "”：下面是" + wanted + "事项和其他页面中的 " + pages.length + " 个。";
        } else {
          var more = search.results.length > SHOWN ? "，下面是前 " + SHOWN + " 个" : "";
          status.textContent = "“" + query + "”：找到 " + search.results.length + " 个页面" + more + "。";
        }
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
      find(query)
        .then(function (search) { if (mine === asked) return show(query, search); })
        .catch(function () { status.textContent = "搜索暂时不可用：本站的搜索索引没有找到。"; });
    }

    var timer = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 300);
    });
    staff.addEventListener("change", run);
    kind.addEventListener("change", run);
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

// The home page lookup: choose a township to see its matters by mode, or choose or
// type a matter to see every township that handles it.  It reads assets/lookup.json;
// data goes into the page as text nodes only, never as HTML.
(function () {
  "use strict";

  function el(tag, text, href) {
    var node = document.createElement(tag);
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      node.appendChild(link);
    } else if (text) {
      node.textContent = text;
    }
    return node;
  }

  // Data text with bidirectional controls goes into an isolate of its own, so an override
  // it leaves open cannot reverse the words after it (as on the pages: render.py).
  function iso(text) {
    if (!/[\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
    var depth = 0;
    var stray = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === "\u2066" || c === "\u2067" || c === "\u2068") depth++;
      else if (c === "\u2069") { if (depth) depth--; else stray++; }
    }
    return "\u2068".repeat(stray + 1) + text + "\u2069".repeat(depth + 1);
  }

  function scope(list) {
    return list.length ? "（只含：" + list.map(iso).join("、") + "）" : "";
  }

  function showTown(out, data, town, href) {
    out.appendChild(el("h3", iso(town.county) + iso(town.name) + "：" + town.entries.length + " 项"));
    out.appendChild(el("p", "查看完整目录和办事地点", href(town.url)));
    data.modes.forEach(function (mode, m) {
      var entries = town.entries.filter(function (e) { return e[1] === m; });
      if (!entries.length) return;
      out.appendChild(el("h4", mode + "（" + entries.length + " 项）"));
      var list = el("ul");
      entries.forEach(function (e) {
        var item = data.items[e[0]];
        var li = el("li", iso(item.name), href(item.url));
        li.appendChild(document.createTextNode(scope(e[2])));
        list.appendChild(li);
      });
      out.appendChild(list);
    });
  }

  function showItem(out, data, i, href) {
    var item = data.items[i];
    var list = el("ul");
    data.townships.forEach(function (town) {
      town.entries.forEach(function (e) {
        if (e[0] !== i) return;
        var li = el("li", iso(town.name), href(town.url));
        li.appendChild(document.createTextNode("：" + data.modes[e[1]] + scope(e[2])));
        list.appendChild(li);
      });
    });
    out.appendChild(el("h3", iso(item.name) + "（" + iso(item.county) + "）：" + list.children.length + " 个乡镇可办"));
    out.appendChild(el("p", "查看办事指南", href(item.url)));
    out.appendChild(list);
  }

  function setup(root, data, base) {
    var town = root.querySelector("#tc-town");
    var input = root.querySelector("#tc-item");
    var names = root.querySelector("#tc-item-list");
    var out = root.querySelector("#tc-result");
    var href = function (url) { return new URL(url, base).href; };
    var counties = {};
    data.townships.forEach(function (t, i) {
      if (!counties[t.county]) {
        counties[t.county] = document.createElement("optgroup");
        counties[t.county].label = t.county;
        town.appendChild(counties[t.county]);
      }
      var option = new Option(t.name, String(i));
      counties[t.county].appendChild(option);
    });
    var seen = {};
    data.items.forEach(function (item) {
      if (!seen[item.name]) {
        seen[item.name] = true;
        names.appendChild(new Option(item.name));
      }
    });
    town.addEventListener("change", function () {
      out.replaceChildren();
      input.value = "";
      if (town.value !== "") showTown(out, data, data.townships[Number(town.value)], href);
    });
    input.addEventListener("input", function () {
      out.replaceChildren();
      town.value = "";
      var text = input.value.trim();
      if (!text) return;
      var indexes = data.items.map(function (item, i) { return i; });
      var exact = indexes.filter(function (i) { return data.items[i].name === text || data.items[i].code === text; });
      var found = exact.length ? exact : indexes.filter(function (i) { return data.items[i].name.indexOf(text) >= 0; });
      if (!found.length) out.appendChild(el("p", "没有找到名称含“" + text + "”的事项。"));
      found.forEach(function (i) { showItem(out, data, i, href); });
    });
    root.hidden = false;
  }

  function init() {
    var root = document.getElementById("tc-lookup");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var index = new URL(root.getAttribute("data-index"), window.location.href);
    fetch(index)
      .then(function (response) { return response.json(); })
      .then(function (data) { setup(root, data, new URL("..", index)); })
      .catch(function () { /* the page's own lists of links still work */ });
  }

  if (window.document$) {
    window.document$.subscribe(init);  // Material's instant navigation swaps pages in place
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

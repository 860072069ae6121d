// The home page lookup: choose a township to see its matters by mode, choose or type a
// matter to see every township that handles it, or both for the answer: can this
// township do it, how, who decides, what the county keeps.  It reads assets/lookup.json;
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

  function showTown(out, data, town, href, kind) {
    var shown = town.entries.filter(function (e) { return kind === "" || data.items[e[0]].list === Number(kind); });
    var label = kind === "" ? "" : data.lists[Number(kind)];
    out.appendChild(el("h3", iso(town.county) + iso(town.name) + "：" + (label ? label + " " : "") + shown.length + " 项"));
    out.appendChild(el("p", "查看完整目录和办事地点", href(town.url)));
    data.modes.forEach(function (mode, m) {
      var entries = shown.filter(function (e) { return e[1] === m; });
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

  // One pass, so a name holding "{town}" is never filled in again.
  function fill(template, town, department) {
    return template.replace(/\{(town|department)\}/g, function (_, key) {
      return iso(key === "town" ? town : department);
    });
  }

  // An enforcement item: who enforces here, in whose name, who decides, what the county keeps.
  function enforcementAnswer(data, town, item, entry) {
    if (!entry) {
      return ["“" + iso(item.name) + "”不由" + iso(town.name) + "执法",
        ["由" + iso(item.county) + "的" + iso(item.department) + "执法。"]];
    }
    if (entry[4]) {
      return ["自 " + entry[4] + " 起由" + iso(town.name) + "执法：“" + iso(item.name) + "”",
        ["执法方式：" + data.modes[entry[1]] + scope(entry[2]), "在此之前由" + iso(item.county) + "的" + iso(item.department) + "执法。"]];
    }
    var roles = data.enforces[entry[1]];
    return ["由" + iso(town.name) + "执法：“" + iso(item.name) + "”", [
      "执法方式：" + data.modes[entry[1]] + scope(entry[2]),
      "谁执法、以谁的名义：" + fill(roles[0], town.name, item.department),
      "谁作出处理决定：" + fill(roles[1], town.name, item.department),
      "区县保留：" + (iso(entry[3] || item.reserved) || "未登记") + "。",
    ]];
  }

  function answer(out, data, town, i, href) {
    var item = data.items[i];
    var entry = town.entries.filter(function (e) { return e[0] === i; })[0];
    var where = "请到" + iso(item.county) + "的" + iso(item.department) + "办理。";
    var head;
    var lines = [];
    if (data.lists[item.list] === "行政执法") {
      var told = enforcementAnswer(data, town, item, entry);
      head = told[0];
      lines = told[1];
    } else if (entry && entry[4]) {
      head = "自 " + entry[4] + " 起能办：" + iso(town.name) + "将可以办理“" + iso(item.name) + "”";
      lines.push("赋权方式：" + data.modes[entry[1]] + scope(entry[2]));
      lines.push("在此之前" + where);
    } else if (entry) {
      head = "能办：" + iso(town.name) + "可以办理“" + iso(item.name) + "”";
      lines.push("赋权方式：" + data.modes[entry[1]] + scope(entry[2]));
      lines.push("谁作出决定：" + fill(data.decides[entry[1]], town.name, item.department));
      // What the county keeps is what the data says: outside a scope, the rest of the item
      // (named where the item's sub-items are listed; a list may name only the part given).
      var kept = item.sub_items.filter(function (s) { return entry[2].indexOf(s) < 0; });
      if (entry[2].length) {
        lines.push("区县保留：" + (kept.length ? "其余子项（" + kept.map(iso).join("、") + "）" : "所列子项以外的部分")
          + "仍由" + iso(item.department) + "办理。");
      } else if (item.sub_items.length) {
        lines.push("区县保留：无，全部子项都赋予了" + iso(town.name) + "。");
      } else {
        lines.push("区县保留：未登记。");
      }
    } else if (town.declined.indexOf(i) >= 0) {
      head = "暂不能办：" + iso(town.name) + "暂不承接“" + iso(item.name) + "”";
      lines.push(where);
    } else if (town.withdrawn.indexOf(i) >= 0) {
      head = "不能办：“" + iso(item.name) + "”已由区县从" + iso(town.name) + "收回";
      lines.push(where);
    } else {
      head = "不能办：" + iso(town.name) + "没有承接“" + iso(item.name) + "”";
      lines.push(where);
    }
    var box = el("section");
    box.className = "tc-answer";
    box.appendChild(el("h3", head));
    lines.forEach(function (line) { box.appendChild(el("p", line)); });
    var links = el("p");
    links.appendChild(el("span", "查看" + iso(town.name) + "目录", href(town.url)));
    links.appendChild(document.createTextNode(" · "));
    var page = data.lists[item.list] === "行政执法" ? "执法说明" : "办事指南";
    links.appendChild(el("span", "查看“" + iso(item.name) + "”" + page, href(item.url)));
    box.appendChild(links);
    out.appendChild(box);
  }

  function found(data, text, kind) {
    var indexes = data.items.map(function (item, i) { return i; }).filter(function (i) {
      return kind === "" || data.items[i].list === Number(kind);
    });
    var exact = indexes.filter(function (i) {
      var item = data.items[i];
      return item.name === text || item.code === text || item.aliases.indexOf(text) >= 0;
    });
    return exact.length ? exact : indexes.filter(function (i) {
      var item = data.items[i];
      return item.name.indexOf(text) >= 0 || item.aliases.some(function (a) { return a.indexOf(text) >= 0; });
    });
  }

  function setup(root, data, base) {
    var town = root.querySelector("#tc-town");
    var input = root.querySelector("#tc-item");
    var kind = root.querySelector("#tc-kind");
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
      [item.name].concat(item.aliases).forEach(function (name) {
        if (!seen[name]) {
          seen[name] = true;
          names.appendChild(new Option(name));
        }
      });
    });
    function show() {
      out.replaceChildren();
      var chosen = town.value === "" ? null : data.townships[Number(town.value)];
      var text = input.value.trim();
      if (!text) {
        if (chosen) showTown(out, data, chosen, href, kind.value);
        return;
      }
      var items = found(data, text, kind.value);
      if (!items.length) out.appendChild(el("p", "没有找到名称含“" + text + "”的事项。"));
      items.forEach(function (i) {
        if (chosen) answer(out, data, chosen, i, href);
        else showItem(out, data, i, href);
      });
    }
    data.lists.forEach(function (name, n) { kind.appendChild(new Option(name, String(n))); });
    town.addEventListener("change", show);
    input.addEventListener("input", show);
    kind.addEventListener("change", show);
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

/* sphinxext-pep: filters, search and sorting for the pep-index tables.

   The page already holds the complete table(s); this script only enhances
   them. Each row carries its keys as data-* attributes (written by
   sphinxext_pep/index.py); the controls are built from them, so nothing here
   depends on a theme or on another library. The state lives in the URL
   fragment (#status=accepted,final&q=cache&sort=-created): a filtered view is
   a link to share and survives a reload. Text is only ever set through
   textContent, never parsed as HTML.

   Every string shown comes from the page, translated into the project's
   language: the block's data-messages attribute holds them as JSON (written
   by index.py's script_messages, which also picks the plural form of the
   "Showing" line); the English below is only a fallback. */
(function () {
  "use strict";

  var FILTER_NAMES = ["status", "type", "risk", "person", "target"];
  // Filters whose rows hold several values (JSON lists): one chip per value.
  var LIST_FILTERS = ["person"];
  // Fragment keys of earlier releases: #author=... is the person filter now.
  var STATE_ALIASES = { author: "person" };
  var FALLBACK_MESSAGES = {
    "filter-status": "Status",
    "filter-type": "Type",
    "filter-risk": "Risk",
    "filter-person": "Person",
    "filter-target": "Target",
    controls: "Filter the proposals",
    search: "Filter by number, title or author",
    clear: "Clear filters",
    empty: "No proposal matches.",
    showing: "Showing {shown} of {total} proposals",
    "sorted-ascending": "{label}, sorted ascending",
    "sorted-descending": "{label}, sorted descending",
    sort: "{label}, sort",
  };
  var STATE_KEYS = ["status", "type", "risk", "person", "target", "q", "sort"];
  var counter = 0;

  function readMessages(block) {
    var messages = {};
    var given = {};
    try {
      given = JSON.parse(block.getAttribute("data-messages") || "{}") || {};
    } catch (error) {
      given = {};
    }
    Object.keys(FALLBACK_MESSAGES).forEach(function (key) {
      messages[key] = typeof given[key] === "string" ? given[key] : FALLBACK_MESSAGES[key];
    });
    return messages;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* -- the URL fragment ---------------------------------------------------- */

  function readFragment() {
    var raw = window.location.hash.replace(/^#/, "");
    var state = {};
    if (!raw || raw.indexOf("=") < 0) return null; // an ordinary anchor
    raw.split("&").forEach(function (part) {
      var cut = part.indexOf("=");
      if (cut < 0) return;
      var key = part.slice(0, cut);
      key = STATE_ALIASES[key] || key;
      var value = part.slice(cut + 1);
      if (STATE_KEYS.indexOf(key) < 0) return;
      try {
        if (key === "q" || key === "sort") {
          state[key] = decodeURIComponent(value.replace(/\+/g, " "));
        } else {
          state[key] = value.split(",").filter(Boolean).map(function (item) {
            return decodeURIComponent(item.replace(/\+/g, " "));
          });
        }
      } catch (error) {
        /* a malformed escape: ignore that part */
      }
    });
    return state;
  }

  function writeFragment(index) {
    var parts = [];
    index.filterNames.forEach(function (name) {
      var chosen = Array.from(index.selected[name]).sort();
      if (chosen.length) parts.push(name + "=" + chosen.map(encodeURIComponent).join(","));
    });
    if (index.query) parts.push("q=" + encodeURIComponent(index.query));
    if (index.sort !== index.defaultSort) parts.push("sort=" + encodeURIComponent(index.sort));
    var fragment = parts.join("&");
    var current = window.location.hash.replace(/^#/, "");
    var ours = current === "" || current.indexOf("=") >= 0;
    if (!fragment && !ours) return; // leave an ordinary anchor alone
    var url = window.location.pathname + window.location.search + (fragment ? "#" + fragment : "");
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  /* -- one index ------------------------------------------------------------ */

  function jsonList(row, attribute) {
    try {
      var list = JSON.parse(row.getAttribute(attribute) || "[]");
      return Array.isArray(list) ? list.map(String) : [];
    } catch (error) {
      return [];
    }
  }

  function rowValues(row, name) {
    if (LIST_FILTERS.indexOf(name) >= 0) return jsonList(row, "data-" + name);
    var value = row.getAttribute("data-" + name) || "";
    return value ? [value] : [];
  }

  function rowLabels(row, name) {
    if (LIST_FILTERS.indexOf(name) >= 0) return jsonList(row, "data-" + name + "-label");
    var label = row.getAttribute("data-" + name + "-label") || "";
    return label ? [label] : [];
  }

  // A person's roles on the row ("Author, Reviewer"), in step with rowValues.
  function rowRoles(row, name) {
    return name === "person" ? jsonList(row, "data-person-role") : [];
  }

  function compareKeys(a, b) {
    if (a === b) return 0;
    if (a === "") return 1; // no value: last, whichever the direction
    if (b === "") return -1;
    var numeric = /^-?\d+$/;
    if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
    return a.localeCompare(b);
  }

  function PepIndex(block) {
    this.block = block;
    this.id = ++counter;
    this.messages = readMessages(block);
    this.rows = Array.from(block.querySelectorAll("tbody > tr[data-status]"));
    this.filterNames = (block.getAttribute("data-filters") || "").split(",").filter(function (
      name
    ) {
      return FILTER_NAMES.indexOf(name) >= 0;
    });
    this.defaultSort = block.getAttribute("data-default-sort") || "number";
    this.sort = this.defaultSort;
    this.query = "";
    this.selected = {};
    this.chips = {};
    this.values = {};
    var self = this;
    this.filterNames.forEach(function (name) {
      self.selected[name] = new Set();
      self.chips[name] = [];
      self.values[name] = self.collectValues(name);
    });
    this.buildControls();
    this.buildSortButtons();
  }

  PepIndex.prototype.collectValues = function (name) {
    // value -> {label, rank}, in the order chips are shown. Values match
    // case-insensitively; a chip is labelled with the spelling most proposals
    // use (on a tie, the lowest-numbered one's), whatever the table's order.
    var seen = new Map();
    var byNumber = this.rows.slice().sort(function (a, b) {
      return compareKeys(
        a.getAttribute("data-sort-number") || "",
        b.getAttribute("data-sort-number") || ""
      );
    });
    byNumber.forEach(function (row) {
      var values = rowValues(row, name);
      var labels = rowLabels(row, name);
      var roles = rowRoles(row, name);
      values.forEach(function (value, i) {
        var label = labels[i] || value;
        if (!seen.has(value)) {
          var listed = LIST_FILTERS.indexOf(name) >= 0;
          var rank = listed ? "" : row.getAttribute("data-sort-" + name) || "";
          seen.set(value, {
            value: value,
            label: label,
            rank: rank,
            spellings: new Map(),
            roles: [],
          });
        }
        var item = seen.get(value);
        item.spellings.set(label, (item.spellings.get(label) || 0) + 1);
        (roles[i] || "").split(", ").forEach(function (role) {
          if (role && item.roles.indexOf(role) < 0) item.roles.push(role);
        });
      });
    });
    seen.forEach(function (item) {
      var best = 0;
      item.spellings.forEach(function (count, label) {
        if (count > best) {
          best = count;
          item.label = label;
        }
      });
    });
    return Array.from(seen.values()).sort(function (a, b) {
      return compareKeys(a.rank, b.rank) || a.label.localeCompare(b.label);
    });
  };

  PepIndex.prototype.buildControls = function () {
    var self = this;
    var controls = el("div", {
      class: "pep-index-controls",
      role: "search",
      "aria-label": this.messages.controls,
    });

    var search = el("div", { class: "pep-index-search" });
    var inputId = "pep-index-q-" + this.id;
    search.appendChild(el("label", { for: inputId }, this.messages.search));
    this.input = el("input", {
      type: "search",
      id: inputId,
      class: "pep-index-query",
      autocomplete: "off",
      spellcheck: "false",
    });
    this.input.addEventListener("input", function () {
      self.query = self.input.value.trim();
      self.update(true);
    });
    search.appendChild(this.input);
    controls.appendChild(search);

    this.filterNames.forEach(function (name) {
      if (!self.values[name].length) return;
      var group = el("fieldset", { class: "pep-index-filter", "data-filter": name });
      group.appendChild(el("legend", {}, self.messages["filter-" + name]));
      self.values[name].forEach(function (item) {
        var chip = el("button", {
          type: "button",
          class: "pep-chip",
          "aria-pressed": "false",
          "data-value": item.value,
        });
        chip.appendChild(el("span", { class: "pep-chip-label" }, item.label));
        if (item.roles.length) {
          // Where a person is listed, their roles on the listed proposals.
          chip.appendChild(el("span", { class: "pep-chip-role" }, item.roles.join(", ")));
        }
        var count = el("span", { class: "pep-chip-count" });
        chip.appendChild(count);
        chip.pepCount = count;
        chip.addEventListener("click", function () {
          var chosen = self.selected[name];
          if (chosen.has(item.value)) chosen.delete(item.value);
          else chosen.add(item.value);
          self.update(true);
        });
        self.chips[name].push(chip);
        group.appendChild(chip);
      });
      controls.appendChild(group);
    });

    var summary = el("div", { class: "pep-index-summary" });
    this.status = el("p", {
      class: "pep-index-count",
      role: "status",
      "aria-live": "polite",
    });
    summary.appendChild(this.status);
    this.reset = el("button", { type: "button", class: "pep-index-reset" }, this.messages.clear);
    this.reset.addEventListener("click", function () {
      self.filterNames.forEach(function (name) {
        self.selected[name].clear();
      });
      self.query = "";
      self.input.value = "";
      self.update(true);
    });
    summary.appendChild(this.reset);
    controls.appendChild(summary);

    this.empty = el("p", { class: "pep-index-empty", hidden: "" }, this.messages.empty);
    this.block.insertBefore(controls, this.block.firstChild);
    this.block.appendChild(this.empty);
    this.block.classList.add("pep-index-enhanced");
  };

  PepIndex.prototype.buildSortButtons = function () {
    var self = this;
    this.headers = [];
    this.block.querySelectorAll("thead th").forEach(function (th) {
      var match = /(?:^|\s)pep-col-([a-z]+)/.exec(th.className);
      if (!match) return;
      var column = match[1];
      var label = th.textContent.trim();
      var button = el("button", { type: "button", class: "pep-sort" });
      button.appendChild(el("span", { class: "pep-sort-label" }, label));
      button.appendChild(el("span", { class: "pep-sort-icon", "aria-hidden": "true" }));
      button.addEventListener("click", function () {
        self.sort = self.sort === column ? "-" + column : column;
        self.update(true);
      });
      th.textContent = "";
      th.appendChild(button);
      self.headers.push({ th: th, column: column, button: button, label: label });
    });
  };

  PepIndex.prototype.matches = function (row, skip) {
    var self = this;
    var ok = this.filterNames.every(function (name) {
      if (name === skip) return true;
      var chosen = self.selected[name];
      if (!chosen.size) return true;
      return rowValues(row, name).some(function (value) {
        return chosen.has(value);
      });
    });
    if (!ok || !this.query) return ok;
    var haystack = row.getAttribute("data-search") || "";
    return this.query
      .toLowerCase()
      .split(/\s+/)
      .every(function (term) {
        return haystack.indexOf(term) >= 0;
      });
  };

  PepIndex.prototype.applyState = function (state) {
    var self = this;
    state = state || {};
    this.filterNames.forEach(function (name) {
      var known = self.values[name].map(function (item) {
        return item.value;
      });
      self.selected[name] = new Set(
        (state[name] || []).filter(function (value) {
          return known.indexOf(value) >= 0;
        })
      );
    });
    this.query = state.q || "";
    this.input.value = this.query;
    var columns = this.headers.map(function (h) {
      return h.column;
    });
    var sort = state.sort || this.defaultSort;
    this.sort = columns.indexOf(sort.replace(/^-/, "")) >= 0 ? sort : this.defaultSort;
    this.update(false);
  };

  PepIndex.prototype.update = function (remember) {
    var self = this;
    var shown = 0;
    this.rows.forEach(function (row) {
      var visible = self.matches(row, null);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    this.block.querySelectorAll(".pep-index-group").forEach(function (group) {
      group.hidden = !group.querySelector("tbody > tr:not([hidden])");
    });
    this.empty.hidden = shown > 0;
    // The plural form (by the total) was chosen at build time; {total} is filled in.
    this.status.textContent = fill(this.messages.showing, { shown: shown, total: this.rows.length });

    this.filterNames.forEach(function (name) {
      self.chips[name].forEach(function (chip) {
        var value = chip.getAttribute("data-value");
        var count = self.rows.filter(function (row) {
          return rowValues(row, name).indexOf(value) >= 0 && self.matches(row, name);
        }).length;
        chip.pepCount.textContent = String(count);
        chip.setAttribute("aria-pressed", self.selected[name].has(value) ? "true" : "false");
        chip.classList.toggle("pep-chip-empty", count === 0);
      });
    });
    this.reset.hidden = !this.query && this.filterNames.every(function (name) {
      return !self.selected[name].size;
    });

    this.applySort();
    if (remember) writeFragment(this);
  };

  PepIndex.prototype.applySort = function () {
    var descending = this.sort.charAt(0) === "-";
    var column = this.sort.replace(/^-/, "");
    var messages = this.messages;
    this.headers.forEach(function (h) {
      if (h.column === column) {
        h.th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        h.button.setAttribute(
          "aria-label",
          fill(messages[descending ? "sorted-descending" : "sorted-ascending"], { label: h.label })
        );
      } else {
        h.th.removeAttribute("aria-sort");
        h.button.setAttribute("aria-label", fill(messages.sort, { label: h.label }));
      }
    });
    this.block.querySelectorAll("tbody").forEach(function (tbody) {
      var rows = Array.from(tbody.children);
      rows.sort(function (a, b) {
        var ka = a.getAttribute("data-sort-" + column) || "";
        var kb = b.getAttribute("data-sort-" + column) || "";
        var order = compareKeys(ka, kb);
        if (descending && ka !== "" && kb !== "") order = -order;
        return (
          order ||
          compareKeys(a.getAttribute("data-sort-number") || "", b.getAttribute("data-sort-number") || "")
        );
      });
      rows.forEach(function (row, i) {
        tbody.appendChild(row);
        row.classList.toggle("row-odd", i % 2 === 0);
        row.classList.toggle("row-even", i % 2 === 1);
      });
    });
  };

  function start() {
    // ":filters: none" is a static table: left exactly as written.
    var blocks = Array.from(document.querySelectorAll("div.pep-index[data-filters]"));
    var indexes = blocks
      .filter(function (block) {
        return block.getAttribute("data-filters") !== "";
      })
      .map(function (block) {
        return new PepIndex(block);
      });
    function restore() {
      var state = readFragment();
      indexes.forEach(function (index) {
        if (state !== null || !window.location.hash) index.applyState(state);
      });
    }
    indexes.forEach(function (index) {
      index.applyState(readFragment());
    });
    window.addEventListener("hashchange", restore);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

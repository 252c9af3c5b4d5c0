/* sphinxext-pep: filters, search and sorting for the pep-index tables.

   The page already holds the complete table(s); this script only enhances
   them. Each row carries its keys as data-* attributes (written by
   sphinxext_pep/index.py); the controls are built from them, so nothing here
   depends on a theme or on another library. The state lives in the URL
   fragment (#status=accepted,final&q=cache&sort=-created): a filtered view is
   a link to share and survives a reload. The first index on a page reads the
   plain keys; the second reads "2.status=...", the third "3.q=...", so that
   each keeps its own state in one link. Every committed change (a chip, a
   sort, the text box once typing pauses) is a history entry: Back undoes it.
   Text is only ever set through textContent, never parsed as HTML.

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
    "sort-hint": "Sorts the table by this column (press again to reverse)",
    "chips-hint": "Arrow keys move between the choices; Space or Enter selects one",
    skip: "Skip to the results",
  };
  var STATE_KEYS = ["status", "type", "risk", "person", "target", "q", "sort"];
  // "2.status": the key of the second index on the page; no prefix: the first.
  var SCOPED_KEY = /^(?:(\d{1,3})\.)?([a-z]+)$/;
  // A proposal id as :pep:ref: reads it (core/values.py, _ID_RE): "PEP 0016",
  // "pep-16", "RFC_21", "16". Letters stand in for Python's [^\W\d_].
  var ID_RE = /^\s*(?:(\p{L}(?:[^\d:#<>]*?\p{L})?)(?:\s+|[-_])?)?([0-9]{1,12})\s*$/u;
  var TYPING_PAUSE = 150; // ms without a keystroke before the text box filters
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

  // The fragment as {slot: state}, slot 1 the first index; null for an
  // ordinary anchor (#motivation) or none. Keys and filter values match
  // case-insensitively (#Status=Accepted, as the badge spells it).
  function readFragment() {
    var raw = window.location.hash.replace(/^#/, "");
    var states = {};
    if (!raw || raw.indexOf("=") < 0) return null;
    raw.split("&").forEach(function (part) {
      var cut = part.indexOf("=");
      if (cut < 0) return;
      var scoped = SCOPED_KEY.exec(part.slice(0, cut).toLowerCase());
      if (!scoped) return;
      var slot = scoped[1] ? Number(scoped[1]) : 1;
      var key = STATE_ALIASES[scoped[2]] || scoped[2];
      var value = part.slice(cut + 1);
      if (STATE_KEYS.indexOf(key) < 0) return;
      var state = states[slot] || (states[slot] = {});
      try {
        if (key === "q") {
          state.q = decodeURIComponent(value.replace(/\+/g, " "));
        } else if (key === "sort") {
          state.sort = decodeURIComponent(value).toLowerCase();
        } else {
          state[key] = value.split(",").filter(Boolean).map(function (item) {
            return decodeURIComponent(item.replace(/\+/g, " ")).toLowerCase();
          });
        }
      } catch (error) {
        /* a malformed escape: ignore that part */
      }
    });
    return states;
  }

  // Write every index's state into one fragment: a new history entry when
  // *push* (a committed change), else in place.
  function writeFragment(indexes, push) {
    var parts = [];
    indexes.forEach(function (index) {
      parts.push.apply(parts, index.fragmentParts());
    });
    var fragment = parts.join("&");
    var current = window.location.hash.replace(/^#/, "");
    var ours = current === "" || current.indexOf("=") >= 0;
    if (!fragment && !ours) return; // leave an ordinary anchor alone
    var base = window.location.pathname + window.location.search;
    var url = base + (fragment ? "#" + fragment : "");
    if (url === base + window.location.hash) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function slug(label) {
    // core/values.py series_slug: lower case, other runs of characters one "-".
    var text = label.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, "-");
    return text.replace(/^-+|-+$/g, "") || "proposal";
  }

  // A query that is a proposal id: {id: "pep-16"} with a label, {number: 16} without.
  function parseId(query) {
    var match = ID_RE.exec(query);
    if (!match) return null;
    var number = parseInt(match[2], 10);
    return match[1] ? { series: slug(match[1]), id: slug(match[1]) + "-" + number } : { number: number };
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

  // One row's keys, read once: matching and counting never touch attributes.
  function RowRecord(row, filterNames) {
    var self = this;
    this.row = row;
    this.search = row.getAttribute("data-search") || "";
    this.id = row.getAttribute("data-id") || "";
    this.number = row.getAttribute("data-sort-number") || "";
    this.values = {};
    filterNames.forEach(function (name) {
      self.values[name] = rowValues(row, name);
    });
  }

  function PepIndex(block, page, slot) {
    this.block = block;
    this.page = page;
    this.id = ++counter;
    // The fragment's keys of this index: none for the first, "2." for the second.
    this.prefix = slot === 1 ? "" : slot + ".";
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
    this.records = this.rows.map(function (row) {
      return new RowRecord(row, self.filterNames);
    });
    this.series = new Set(
      this.records.map(function (record) {
        return record.id.replace(/-\d+$/, "");
      })
    );
    this.typing = null; // the pending text box commit
    this.buildControls();
    this.buildSortButtons();
  }

  PepIndex.prototype.fragmentParts = function () {
    var self = this;
    var parts = [];
    this.filterNames.forEach(function (name) {
      var chosen = Array.from(self.selected[name]).sort();
      if (chosen.length) {
        parts.push(self.prefix + name + "=" + chosen.map(encodeURIComponent).join(","));
      }
    });
    if (this.query) parts.push(this.prefix + "q=" + encodeURIComponent(this.query));
    if (this.sort !== this.defaultSort) {
      parts.push(this.prefix + "sort=" + encodeURIComponent(this.sort));
    }
    return parts;
  };

  // A committed change: shown, and a history entry.
  PepIndex.prototype.commit = function () {
    this.update();
    this.page.remember(true);
  };

  PepIndex.prototype.cancelTyping = function () {
    if (this.typing !== null) window.clearTimeout(this.typing);
    this.typing = null;
  };

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
      // Debounced: one update (and one history entry) once typing pauses.
      self.cancelTyping();
      self.typing = window.setTimeout(function () {
        self.typing = null;
        var query = self.input.value.trim();
        if (query === self.query) return;
        self.query = query;
        self.commit();
      }, TYPING_PAUSE);
    });
    search.appendChild(this.input);
    controls.appendChild(search);
    controls.appendChild(this.buildSkipLink());
    this.buildHints(controls);

    this.filterNames.forEach(function (name) {
      if (!self.values[name].length) return;
      var group = el("fieldset", {
        class: "pep-index-filter",
        "data-filter": name,
        "aria-describedby": self.chipsHintId,
      });
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
          self.commit();
        });
        self.chips[name].push(chip);
        group.appendChild(chip);
      });
      rovingFocus(group);
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
      self.cancelTyping();
      self.query = "";
      self.input.value = "";
      self.commit();
      // The button hides itself: keep the focus in the index, on the text box.
      self.input.focus();
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
      // Named by the column alone ("Status"), as a screen reader announces the
      // header with every cell; the sort state is the th's aria-sort, the hint
      // one shared description.
      var button = el("button", {
        type: "button",
        class: "pep-sort",
        "aria-describedby": self.sortHintId,
      });
      button.appendChild(el("span", { class: "pep-sort-label" }, label));
      button.appendChild(el("span", { class: "pep-sort-icon", "aria-hidden": "true" }));
      button.addEventListener("click", function () {
        self.sort = self.sort === column ? "-" + column : column;
        self.commit();
      });
      th.textContent = "";
      th.appendChild(button);
      self.headers.push({ th: th, column: column, button: button, label: label });
    });
  };

  // Does the search text match the row? A query that is a proposal id in a
  // series of this index (PEP-0016, rfc 21) matches that proposal only; a bare
  // number also matches by number; anything else, every word in the text.
  PepIndex.prototype.queryTest = function () {
    var query = this.query;
    if (!query) return null;
    var terms = query.toLowerCase().split(/\s+/);
    var parsed = parseId(query);
    if (parsed && parsed.id && this.series.has(parsed.series)) {
      return function (record) {
        return record.id === parsed.id;
      };
    }
    var number = parsed && !parsed.id ? String(parsed.number) : null;
    return function (record) {
      if (number !== null && record.number === number) return true;
      return terms.every(function (term) {
        return record.search.indexOf(term) >= 0;
      });
    };
  };

  PepIndex.prototype.applyState = function (state) {
    var self = this;
    state = state || {};
    this.cancelTyping();
    this.filterNames.forEach(function (name) {
      var known = new Map();
      self.values[name].forEach(function (item) {
        known.set(item.value.toLowerCase(), item.value);
      });
      self.selected[name] = new Set();
      (state[name] || []).forEach(function (value) {
        if (known.has(value)) self.selected[name].add(known.get(value));
      });
    });
    this.query = state.q || "";
    this.input.value = this.query;
    var columns = this.headers.map(function (h) {
      return h.column;
    });
    var sort = state.sort || this.defaultSort;
    this.sort = columns.indexOf(sort.replace(/^-/, "")) >= 0 ? sort : this.defaultSort;
    this.update();
  };

  PepIndex.prototype.update = function () {
    var self = this;
    var names = this.filterNames;
    var query = this.queryTest();
    // One pass over the rows: a row failing no group is shown and counts for
    // every chip it holds; a row failing one group only counts for that
    // group's chips (what pressing one of them would add).
    var counts = {};
    names.forEach(function (name) {
      counts[name] = new Map();
    });
    var shown = 0;
    this.records.forEach(function (record) {
      var failed = null;
      var failures = query && !query(record) ? 2 : 0; // the text narrows every group
      for (var i = 0; i < names.length && failures < 2; i++) {
        var chosen = self.selected[names[i]];
        if (!chosen.size) continue;
        var hit = record.values[names[i]].some(function (value) {
          return chosen.has(value);
        });
        if (!hit) {
          failures += 1;
          failed = names[i];
        }
      }
      record.row.hidden = failures > 0;
      if (failures === 0) shown += 1;
      if (failures > 1) return;
      names.forEach(function (name) {
        if (failures === 1 && name !== failed) return;
        var tally = counts[name];
        record.values[name].forEach(function (value) {
          tally.set(value, (tally.get(value) || 0) + 1);
        });
      });
    });
    this.block.querySelectorAll(".pep-index-group").forEach(function (group) {
      group.hidden = !group.querySelector("tbody > tr:not([hidden])");
    });
    this.empty.hidden = shown > 0;
    // The plural form (by the total) was chosen at build time; {total} is filled in.
    // Rewritten only when it changes: a live region is announced on every write.
    var line = fill(this.messages.showing, { shown: shown, total: this.rows.length });
    if (this.status.textContent !== line) this.status.textContent = line;

    names.forEach(function (name) {
      self.chips[name].forEach(function (chip) {
        var value = chip.getAttribute("data-value");
        var count = counts[name].get(value) || 0;
        if (chip.pepCount.textContent !== String(count)) chip.pepCount.textContent = String(count);
        chip.setAttribute("aria-pressed", self.selected[name].has(value) ? "true" : "false");
        chip.classList.toggle("pep-chip-empty", count === 0);
      });
    });
    this.reset.hidden = !this.query && names.every(function (name) {
      return !self.selected[name].size;
    });

    this.applySort();
  };

  PepIndex.prototype.applySort = function () {
    var descending = this.sort.charAt(0) === "-";
    var column = this.sort.replace(/^-/, "");
    this.markSortedColumn(column, descending);
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
      // Stripes count the shown rows only, so they alternate after filtering too.
      var shown = 0;
      rows.forEach(function (row) {
        tbody.appendChild(row);
        if (row.hidden) return;
        row.classList.toggle("row-odd", shown % 2 === 0);
        row.classList.toggle("row-even", shown % 2 === 1);
        shown += 1;
      });
    });
  };

  /* -- keyboard and screen readers ---------------------------------------- */

  // The descriptions every sort button and chip group shares (one each per
  // index, not one per cell): read when a button or group takes the focus.
  PepIndex.prototype.buildHints = function (controls) {
    this.sortHintId = "pep-index-sort-hint-" + this.id;
    this.chipsHintId = "pep-index-chips-hint-" + this.id;
    var messages = this.messages;
    [
      [this.sortHintId, "sort-hint"],
      [this.chipsHintId, "chips-hint"],
    ].forEach(function (hint) {
      controls.appendChild(el("span", { id: hint[0], hidden: "" }, messages[hint[1]]));
    });
  };

  // "Skip to the results": past the chip groups, to the first table shown
  // (or the "no proposal matches" line). Handled here, so that the URL
  // fragment keeps the filters instead of becoming an anchor.
  PepIndex.prototype.buildSkipLink = function () {
    var self = this;
    var first = this.block.querySelector("table");
    if (first && !first.id) first.id = "pep-index-results-" + this.id;
    var link = el(
      "a",
      { class: "pep-index-skip", href: first ? "#" + first.id : "#" },
      this.messages.skip
    );
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var target =
        Array.from(self.block.querySelectorAll("table")).filter(function (table) {
          return table.getClientRects().length > 0;
        })[0] || self.empty;
      // Focusable only while it has the focus: a click in the table leaves it be.
      target.setAttribute("tabindex", "-1");
      target.addEventListener(
        "blur",
        function () {
          target.removeAttribute("tabindex");
        },
        { once: true }
      );
      target.focus();
    });
    return link;
  };

  // aria-sort on the sorted column's header only (WAI-ARIA: one at a time).
  PepIndex.prototype.markSortedColumn = function (column, descending) {
    this.headers.forEach(function (h) {
      if (h.column !== column) h.th.removeAttribute("aria-sort");
      else h.th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
  };

  // One Tab stop per chip group (roving tabindex): the chip last focused, at
  // first the group's first, takes Tab; the arrow keys, Home and End move
  // among the chips shown; Space and Enter press one (it is a button).
  function rovingFocus(group) {
    function settle(current) {
      group.querySelectorAll(".pep-chip").forEach(function (chip) {
        chip.tabIndex = chip === current ? 0 : -1;
      });
    }
    settle(
      Array.from(group.querySelectorAll(".pep-chip")).filter(function (chip) {
        return !chip.closest("[hidden]");
      })[0]
    );
    group.addEventListener("focusin", function (event) {
      if (event.target.classList.contains("pep-chip")) settle(event.target);
    });
    group.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (!target.classList.contains("pep-chip")) return;
      var chips = Array.from(group.querySelectorAll(".pep-chip")).filter(function (chip) {
        return chip.getClientRects().length > 0;
      });
      var at = chips.indexOf(target);
      if (at < 0) return;
      var rtl = window.getComputedStyle(group).direction === "rtl";
      var steps = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 1, ArrowUp: -1 };
      var next;
      if (steps[event.key]) next = chips[(at + steps[event.key] + chips.length) % chips.length];
      else if (event.key === "Home") next = chips[0];
      else if (event.key === "End") next = chips[chips.length - 1];
      else return;
      event.preventDefault();
      settle(next);
      next.focus();
    });
  }

  function start() {
    // ":filters: none" is a static table: left exactly as written.
    var blocks = Array.from(document.querySelectorAll("div.pep-index[data-filters]")).filter(
      function (block) {
        return block.getAttribute("data-filters") !== "";
      }
    );
    var indexes = [];
    var page = {
      remember: function (push) {
        writeFragment(indexes, push);
      },
    };
    blocks.forEach(function (block, i) {
      indexes.push(new PepIndex(block, page, i + 1));
    });
    function restore(event) {
      var states = readFragment();
      // An ordinary anchor (#motivation) followed later changes no filter.
      if (event && states === null && window.location.hash) return;
      indexes.forEach(function (index, i) {
        index.applyState(states && states[i + 1]);
      });
    }
    restore(null);
    // Back and Forward (popstate), and a fragment edited by hand (hashchange).
    window.addEventListener("popstate", restore);
    window.addEventListener("hashchange", restore);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

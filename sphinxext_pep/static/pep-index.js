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

   Built for a few thousand rows: each row's keys are read once at start-up
   (RowRecord), an update is one pass over them that reads nothing from the
   page and writes only what changes, and each sort order is computed once.
   What costs is the browser's: every row shown is laid out again on each
   change, and a row hidden or shown again is a style and layout-tree update
   (at 2,000 rows, 100-500 ms a change on a 2-core machine). So a long index
   lists its first PAGE matching rows, with "Show more" and "Show all"
   buttons after the table (the counts and the text box always cover every
   row; printing lists every matching row), and when more than REVEAL rows
   are shown at once ("Show all"), the rest come REVEAL per frame. A group
   with many values shows its most used ones and a searchable "more" list
   (MoreList).

   Every string shown comes from the page, translated into the project's
   language: the block's data-messages attribute holds them as JSON (written
   by index.py's script_messages, which also picks the plural form of the
   "Showing" line); the English below is only a fallback. */
(function () {
  "use strict";

  // User Timing marks: benchmarks/index_browser.py times start-up and updates by them.
  var timing = window.performance && window.performance.mark ? window.performance : null;
  if (timing) timing.mark("pep-index:start");

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
    more: "{count} more",
    find: "Find in the list",
    "rows-more": "Show {count} more",
    "rows-all": "Show all {count}",
  };
  var STATE_KEYS = ["status", "type", "risk", "person", "target", "q", "sort"];
  // "2.status": the key of the second index on the page; no prefix: the first.
  var SCOPED_KEY = /^(?:(\d{1,3})\.)?([a-z]+)$/;
  // A proposal id as :pep:ref: reads it (core/values.py, _ID_RE): "PEP 0016",
  // "pep-16", "RFC_21", "16". Letters stand in for Python's [^\W\d_].
  var ID_RE = /^\s*(?:(\p{L}(?:[^\d:#<>]*?\p{L})?)(?:\s+|[-_])?)?([0-9]{1,12})\s*$/u;
  var TYPING_PAUSE = 150; // ms without a keystroke before the text box filters
  // A group of more than LONG_GROUP values (people, at hundreds of proposals)
  // shows its TOP_VALUES most used ones, and the rest in a "more" list.
  var TOP_VALUES = 12;
  var LONG_GROUP = TOP_VALUES + 4;
  // Rows newly shown per frame: an update paints the first REVEAL rows it
  // brings back (more than a screen) at once and the rest in the next frames,
  // so that a change on a long index never waits for 2,000 rows' layout.
  var REVEAL = 150;
  // Matching rows listed at first, and added by "Show more": a few screens,
  // so that a change lays out at most this many rows, not the whole index.
  var PAGE = 50;
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

  var NUMERIC = /^-?\d+$/;
  // One collator for every text comparison: what localeCompare uses, built once.
  var collator = window.Intl && Intl.Collator ? new Intl.Collator() : null;

  function compareText(a, b) {
    return collator ? collator.compare(a, b) : a.localeCompare(b);
  }

  function compareKeys(a, b) {
    if (a === b) return 0;
    if (a === "") return 1; // no value: last, whichever the direction
    if (b === "") return -1;
    if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
    return compareText(a, b);
  }

  // A sort key read once: compareParsed(parseKey(a), parseKey(b)) is compareKeys(a, b).
  function parseKey(text) {
    return { text: text, number: NUMERIC.test(text) ? Number(text) : null };
  }

  function compareParsed(a, b) {
    if (a.text === b.text) return 0;
    if (a.text === "") return 1;
    if (b.text === "") return -1;
    if (a.number !== null && b.number !== null) return a.number - b.number;
    return compareText(a.text, b.text);
  }

  // One row's keys, read once: matching, counting, sorting and striping never
  // touch its attributes again. *hidden* and *stripe* are what the row shows
  // now, so that an update writes only to the rows that change.
  function RowRecord(row, position, filterNames) {
    var self = this;
    this.row = row;
    this.position = position; // in the page as built
    this.search = row.getAttribute("data-search") || "";
    this.id = row.getAttribute("data-id") || "";
    this.number = row.getAttribute("data-sort-number") || "";
    this.numberKey = parseKey(this.number);
    this.values = {};
    filterNames.forEach(function (name) {
      self.values[name] = rowValues(row, name);
    });
    this.match = !row.hidden; // passes the filters
    this.listed = this.match; // among the rows the table lists (the first PAGE, or all)
    this.hidden = row.hidden; // the row's hidden attribute: filtered out, or not shown yet
    this.stripe = row.classList.contains("row-odd")
      ? "odd"
      : row.classList.contains("row-even")
        ? "even"
        : "";
    this.body = null; // its Body (below)
  }

  // A tbody and its rows, in the order shown; *group* the .pep-index-group
  // around it (grouped tables), hidden when none of its rows is listed.
  function Body(tbody) {
    this.tbody = tbody;
    this.records = [];
    this.listed = 0; // its rows listed by the last update (see PAGE)
    this.group = tbody.closest ? tbody.closest(".pep-index-group") : null;
  }

  // A filter chip: its button, and what it shows (each written only when it changes).
  function Chip(item, order, press) {
    this.item = item;
    this.value = item.value;
    this.order = order; // its place in the group
    this.find = (item.label + " " + item.value).toLowerCase(); // what the "more" search matches
    this.button = el("button", {
      type: "button",
      class: "pep-chip",
      "aria-pressed": "false",
      "data-value": item.value,
    });
    this.button.appendChild(el("span", { class: "pep-chip-label" }, item.label));
    if (item.roles.length) {
      // Where a person is listed, their roles on the listed proposals.
      this.button.appendChild(el("span", { class: "pep-chip-role" }, item.roles.join(", ")));
    }
    this.countNode = el("span", { class: "pep-chip-count" });
    this.button.appendChild(this.countNode);
    this.button.addEventListener("click", press);
    this.count = null;
    this.pressed = false;
  }

  Chip.prototype.show = function (count, pressed) {
    if (count !== this.count) {
      if (this.count === null || (count === 0) !== (this.count === 0)) {
        this.button.classList.toggle("pep-chip-empty", count === 0);
      }
      this.countNode.textContent = String(count);
      this.count = count;
    }
    if (pressed !== this.pressed) {
      this.button.setAttribute("aria-pressed", pressed ? "true" : "false");
      this.pressed = pressed;
    }
  };

  // A group with many values: the TOP_VALUES most used ones and the pressed
  // ones stay in the group; the rest wait in a list behind a "more" button
  // (a disclosure: aria-expanded, the list's id in aria-controls), with a
  // text box that narrows the list down. Chips move between the two only
  // when the list is closed or a state is restored, never under the pointer.
  function MoreList(group, chips, messages, id, selected) {
    var self = this;
    this.selected = selected; // () -> the group's pressed values
    this.group = group;
    this.chips = chips;
    this.messages = messages;
    var ranked = chips.slice().sort(function (a, b) {
      return b.item.count - a.item.count || a.order - b.order;
    });
    this.top = new Set(ranked.slice(0, TOP_VALUES));
    this.inList = null; // the chips in the list, in group order (none placed yet)
    this.button = el("button", {
      type: "button",
      class: "pep-chip-more",
      "aria-expanded": "false",
      "aria-controls": "pep-index-more-" + id,
    });
    this.label = el("span", { class: "pep-chip-more-label" });
    this.button.appendChild(this.label);
    this.button.appendChild(el("span", { class: "pep-chip-more-icon", "aria-hidden": "true" }));
    this.button.addEventListener("click", function () {
      self.toggle(!self.open);
    });
    this.onClose = function () {
      self.place(self.selected());
    };
    this.panel = el("div", { class: "pep-chip-panel", id: "pep-index-more-" + id, hidden: "" });
    var inputId = "pep-index-find-" + id;
    var find = el("div", { class: "pep-chip-find-box" });
    find.appendChild(el("label", { for: inputId }, messages.find));
    this.input = el("input", {
      type: "search",
      id: inputId,
      class: "pep-chip-find",
      autocomplete: "off",
      spellcheck: "false",
    });
    this.input.addEventListener("input", function () {
      self.narrow();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      event.preventDefault();
      self.toggle(false);
      self.button.focus();
    });
    find.appendChild(this.input);
    this.panel.appendChild(find);
    this.list = el("div", { class: "pep-chip-list" });
    this.panel.appendChild(this.list);
    this.open = false;
    chips.forEach(function (chip) {
      group.appendChild(chip.button);
    });
    group.appendChild(this.button);
    group.appendChild(this.panel);
  }

  // Put the top and the *selected* values in the group, the rest in the list.
  MoreList.prototype.place = function (selected) {
    var top = this.top;
    var inList = this.chips.filter(function (chip) {
      return !top.has(chip) && !selected.has(chip.value);
    });
    var same =
      this.inList !== null &&
      inList.length === this.inList.length &&
      inList.every(function (chip, i) {
        return chip === this.inList[i];
      }, this);
    if (same) return;
    var listed = new Set(inList);
    var kept = document.createDocumentFragment();
    var rest = document.createDocumentFragment();
    this.chips.forEach(function (chip) {
      if (listed.has(chip)) {
        rest.appendChild(chip.button);
      } else {
        if (chip.button.hidden) chip.button.hidden = false; // hidden by an earlier search
        kept.appendChild(chip.button);
      }
    });
    this.group.insertBefore(kept, this.button);
    this.list.appendChild(rest);
    this.inList = inList;
    this.label.textContent = fill(this.messages.more, { count: inList.length });
    this.button.hidden = inList.length === 0;
    this.narrow();
  };

  MoreList.prototype.toggle = function (open) {
    this.open = open;
    this.button.setAttribute("aria-expanded", open ? "true" : "false");
    this.panel.hidden = !open;
    if (!open) {
      this.input.value = "";
      this.narrow();
      if (this.onClose) this.onClose();
    }
  };

  // Show the listed chips whose name holds every word of the search box.
  MoreList.prototype.narrow = function () {
    var terms = this.input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    (this.inList || []).forEach(function (chip) {
      var hidden = !terms.every(function (term) {
        return chip.find.indexOf(term) >= 0;
      });
      if (chip.button.hidden !== hidden) chip.button.hidden = hidden;
    });
  };

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
    this.more = {}; // filter -> its MoreList, for the long groups
    this.values = {};
    var self = this;
    this.records = this.rows.map(function (row, i) {
      return new RowRecord(row, i, self.filterNames);
    });
    this.readBodies();
    // By number (ties: as built), the order chips take their labels in.
    this.byNumber = this.records.slice().sort(function (a, b) {
      return compareParsed(a.numberKey, b.numberKey) || a.position - b.position;
    });
    this.orders = {}; // sort ("-created") -> the records in that order, computed once
    this.filterNames.forEach(function (name) {
      self.selected[name] = new Set();
      self.chips[name] = [];
      self.values[name] = self.collectValues(name);
    });
    this.series = new Set(
      this.records.map(function (record) {
        return record.id.replace(/-\d+$/, "");
      })
    );
    this.typing = null; // the pending text box commit
    // How many matching rows are listed: PAGE after each change of the view,
    // PAGE more for each "Show more"; every one after "Show all" (kept for
    // later changes: the reader asked for the whole list).
    this.limit = PAGE;
    this.all = false;
    this.allBeforePrint = null; // while printing: what *all* was before
    this.revealing = null; // the next frame of reveal(), while rows wait to be shown
    this.buildControls();
    this.buildSortButtons();
  }

  PepIndex.prototype.readBodies = function () {
    var bodies = new Map();
    this.bodies = [];
    this.groups = [];
    var self = this;
    this.records.forEach(function (record) {
      var tbody = record.row.parentNode;
      var body = bodies.get(tbody);
      if (!body) {
        body = new Body(tbody);
        bodies.set(tbody, body);
        self.bodies.push(body);
        if (body.group && self.groups.indexOf(body.group) < 0) self.groups.push(body.group);
      }
      body.records.push(record);
      record.body = body;
    });
  };

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
    this.limit = PAGE;
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
    // Each item also holds *count*, the proposals with the value in the whole
    // index: a long group shows its most used values first (see buildControls).
    var seen = new Map();
    var listed = LIST_FILTERS.indexOf(name) >= 0;
    this.byNumber.forEach(function (record) {
      var row = record.row;
      var values = record.values[name];
      if (!values.length) return;
      var labels = rowLabels(row, name);
      var roles = rowRoles(row, name);
      values.forEach(function (value, i) {
        var label = labels[i] || value;
        if (!seen.has(value)) {
          var rank = listed ? "" : row.getAttribute("data-sort-" + name) || "";
          seen.set(value, {
            value: value,
            label: label,
            rank: rank,
            count: 0,
            spellings: new Map(),
            roles: [],
          });
        }
        var item = seen.get(value);
        item.count += 1;
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
      return compareKeys(a.rank, b.rank) || compareText(a.label, b.label);
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
      if (self.values[name].length) controls.appendChild(self.buildGroup(name));
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
    this.block.appendChild(this.buildRowButtons());
    this.block.classList.add("pep-index-enhanced");
  };

  // A filter group: a chip per value; a long one (people) shows its most used
  // values and a "more" list of the rest (MoreList).
  PepIndex.prototype.buildGroup = function (name) {
    var self = this;
    var group = el("fieldset", {
      class: "pep-index-filter",
      "data-filter": name,
      "aria-describedby": this.chipsHintId,
    });
    group.appendChild(el("legend", {}, this.messages["filter-" + name]));
    var chips = this.values[name].map(function (item, i) {
      return new Chip(item, i, function () {
        var chosen = self.selected[name];
        if (chosen.has(item.value)) chosen.delete(item.value);
        else chosen.add(item.value);
        self.commit();
      });
    });
    this.chips[name] = chips;
    if (chips.length > LONG_GROUP) {
      this.more[name] = new MoreList(group, chips, this.messages, this.id + "-" + name, function () {
        return self.selected[name];
      });
    } else {
      chips.forEach(function (chip) {
        group.appendChild(chip.button);
      });
    }
    rovingFocus(group);
    return group;
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
      // A restored value of a long group is shown, whether among the top ones or not.
      if (self.more[name]) self.more[name].place(self.selected[name]);
    });
    this.query = state.q || "";
    this.input.value = this.query;
    var columns = this.headers.map(function (h) {
      return h.column;
    });
    var sort = state.sort || this.defaultSort;
    this.sort = columns.indexOf(sort.replace(/^-/, "")) >= 0 ? sort : this.defaultSort;
    this.limit = PAGE;
    this.update();
  };

  PepIndex.prototype.update = function () {
    var began = timing ? timing.now() : 0;
    var self = this;
    var names = this.filterNames;
    var query = this.queryTest();
    var chosen = names.map(function (name) {
      return self.selected[name];
    });
    // One pass over the rows: a row failing no group is shown and counts for
    // every chip it holds; a row failing one group only counts for that
    // group's chips (what pressing one of them would add). Nothing here reads
    // the page; a row's attribute is written only when its state changes.
    var counts = names.map(function () {
      return new Map();
    });
    var shown = 0;
    var records = this.records;
    for (var r = 0; r < records.length; r++) {
      var record = records[r];
      var failed = -1;
      var failures = query && !query(record) ? 2 : 0; // the text narrows every group
      for (var i = 0; i < names.length && failures < 2; i++) {
        if (!chosen[i].size) continue;
        var values = record.values[names[i]];
        var hit = false;
        for (var v = 0; v < values.length && !hit; v++) hit = chosen[i].has(values[v]);
        if (!hit) {
          failures += 1;
          failed = i;
        }
      }
      record.match = failures === 0;
      if (failures === 0) shown += 1;
      if (failures > 1) continue;
      for (var n = 0; n < names.length; n++) {
        if (failures === 1 && n !== failed) continue;
        var tally = counts[n];
        var own = record.values[names[n]];
        for (var k = 0; k < own.length; k++) tally.set(own[k], (tally.get(own[k]) || 0) + 1);
      }
    }
    this.shown = shown;
    if (this.empty.hidden !== shown > 0) this.empty.hidden = shown > 0;
    // The plural form (by the total) was chosen at build time; {total} is filled in.
    // Rewritten only when it changes: a live region is announced on every write.
    var line = fill(this.messages.showing, { shown: shown, total: this.rows.length });
    if (this.status.textContent !== line) this.status.textContent = line;

    names.forEach(function (name, n) {
      self.chips[name].forEach(function (chip) {
        chip.show(counts[n].get(chip.value) || 0, self.selected[name].has(chip.value));
      });
    });
    var resetHidden =
      !this.query &&
      names.every(function (name) {
        return !self.selected[name].size;
      });
    if (this.reset.hidden !== resetHidden) this.reset.hidden = resetHidden;

    this.applySort();
    if (timing && timing.measure) timing.measure("pep-index:update", { start: began });
  };

  PepIndex.prototype.applySort = function () {
    var descending = this.sort.charAt(0) === "-";
    var column = this.sort.replace(/^-/, "");
    this.markSortedColumn(column, descending);
    this.arrange(this.ordered(column, descending));
  };

  // Hide the rows no longer listed at once; show the ones listed again,
  // REVEAL of them now and REVEAL more in each following frame, top (in the
  // order shown) first. A new update takes over the pending ones; revealAll()
  // shows them all now (printing).
  PepIndex.prototype.reveal = function () {
    var self = this;
    if (this.revealing) window.cancelAnimationFrame(this.revealing);
    this.revealing = null;
    var pending = [];
    this.bodies.forEach(function (body) {
      body.records.forEach(function (record) {
        if (!record.listed) {
          if (!record.hidden) {
            record.hidden = true;
            record.row.hidden = true;
          }
        } else if (record.hidden) {
          pending.push(record);
        }
      });
    });
    var next = 0;
    function step(every) {
      var end = every ? pending.length : Math.min(pending.length, next + REVEAL);
      if (every && self.revealing) window.cancelAnimationFrame(self.revealing);
      for (; next < end; next++) {
        pending[next].hidden = false;
        pending[next].row.hidden = false;
      }
      self.revealing = next < pending.length ? window.requestAnimationFrame(nextFrame) : null;
      if (self.revealing === null && timing) timing.mark("pep-index:shown");
    }
    function nextFrame() {
      step(false); // not step itself: a frame callback's argument is a time
    }
    this.revealAll = function () {
      step(true);
    };
    step(false);
  };

  // Printing (or saving as PDF) lists every matching row, in order, at once:
  // paper has no "Show more". Afterwards the screen lists what it did.
  PepIndex.prototype.listForPrint = function (printing) {
    if (printing && this.allBeforePrint === null) {
      this.allBeforePrint = this.all;
      this.all = true;
      this.applySort();
      this.revealAll();
    } else if (!printing && this.allBeforePrint !== null) {
      this.all = this.allBeforePrint;
      this.allBeforePrint = null;
      this.applySort();
    }
  };

  // The records sorted by *column*: no value last, whichever the direction,
  // ties by number. Each column's keys are read once, each order sorted once.
  PepIndex.prototype.ordered = function (column, descending) {
    var sort = (descending ? "-" : "") + column;
    if (this.orders[sort]) return this.orders[sort];
    var keys = this.records.map(function (record) {
      return parseKey(record.row.getAttribute("data-sort-" + column) || "");
    });
    var order = this.records.slice().sort(function (a, b) {
      var ka = keys[a.position];
      var kb = keys[b.position];
      var result = compareParsed(ka, kb);
      if (descending && ka.text !== "" && kb.text !== "") result = -result;
      return result || compareParsed(a.numberKey, b.numberKey) || a.position - b.position;
    });
    this.orders[sort] = order;
    return order;
  };

  // Show the rows in *order*, each tbody keeping its own, the first *limit*
  // matching ones (in page order: a grouped index's first groups first)
  // listed and the rest hidden. Only the listed rows need to be in order: when
  // they are not (a sort, more rows listed), they alone move, to the top of
  // their tbody, and the unlisted ones stay behind them as they were. A row's
  // stripe class is written only when it changes; stripes count the listed
  // rows, so they alternate after filtering too.
  PepIndex.prototype.arrange = function (order) {
    var limit = this.all ? Infinity : this.limit;
    var wanted = new Map();
    this.bodies.forEach(function (body) {
      wanted.set(body, []);
    });
    order.forEach(function (record) {
      if (record.match) wanted.get(record.body).push(record);
      else record.listed = false;
    });
    var listed = 0;
    this.bodies.forEach(function (body) {
      var rows = []; // its listed rows, in order
      wanted.get(body).forEach(function (record) {
        record.listed = listed < limit;
        if (!record.listed) return;
        listed += 1;
        rows.push(record);
      });
      body.listed = rows.length;
      // In place when the page already has them in this order (unlisted rows between them hide).
      var next = 0;
      var moved = body.records.some(function (record) {
        return record.listed && record !== rows[next++];
      });
      if (moved) {
        // Taking a row out of the page to move it drops the keyboard focus
        // inside it to <body> (printing, Back): it is given back below.
        var focused = body.tbody.contains(document.activeElement) ? document.activeElement : null;
        // A moved row is laid out afresh: past the first REVEAL listed ones,
        // hide them before moving, and let reveal() bring them back (not the
        // focused one: a hidden element cannot keep the focus).
        rows.forEach(function (record, i) {
          if (i < REVEAL || record.hidden || record.row.contains(focused)) return;
          record.hidden = true;
          record.row.hidden = true;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (record) {
          fragment.appendChild(record.row);
        });
        body.tbody.insertBefore(fragment, body.tbody.firstChild);
        if (focused && focused.isConnected && document.activeElement !== focused) {
          focused.focus({ preventScroll: true });
        }
        var front = new Set(rows);
        body.records = rows.concat(
          body.records.filter(function (record) {
            return !front.has(record);
          })
        );
      }
      rows.forEach(function (record, i) {
        var stripe = i % 2 === 0 ? "odd" : "even";
        if (record.stripe === stripe) return;
        record.row.classList.toggle("row-odd", stripe === "odd");
        record.row.classList.toggle("row-even", stripe === "even");
        record.stripe = stripe;
      });
    });
    // A group (grouped tables) is shown while it lists a row.
    var self = this;
    this.groups.forEach(function (group) {
      var empty = self.bodies.every(function (body) {
        return body.group !== group || body.listed === 0;
      });
      if (group.hidden !== empty) group.hidden = empty;
    });
    this.listed = listed;
    this.showRowButtons(listed, this.shown);
    this.reveal();
  };

  // "Show 50 more" and "Show all 2000" after the table, while matching rows
  // are left out; neither is a change of the view (no history entry).
  PepIndex.prototype.buildRowButtons = function () {
    var self = this;
    this.rowButtons = el("div", { class: "pep-index-rows", hidden: "" });
    this.moreRows = el("button", { type: "button", class: "pep-index-rows-more" });
    this.allRows = el("button", { type: "button", class: "pep-index-rows-all" });
    this.moreRows.addEventListener("click", function () {
      self.listMore(false);
    });
    this.allRows.addEventListener("click", function () {
      self.listMore(true);
    });
    this.rowButtons.appendChild(this.moreRows);
    this.rowButtons.appendChild(this.allRows);
    return this.rowButtons;
  };

  PepIndex.prototype.showRowButtons = function (listed, shown) {
    var left = shown - listed;
    var hidden = left <= 0;
    if (this.rowButtons.hidden !== hidden) this.rowButtons.hidden = hidden;
    if (hidden) return;
    var more = fill(this.messages["rows-more"], { count: Math.min(PAGE, left) });
    var all = fill(this.messages["rows-all"], { count: shown });
    if (this.moreRows.textContent !== more) this.moreRows.textContent = more;
    if (this.allRows.textContent !== all) this.allRows.textContent = all;
    // "Show all" when it lists more than "Show more" does.
    if (this.allRows.hidden !== left <= PAGE) this.allRows.hidden = left <= PAGE;
  };

  // List PAGE more rows (or, *every*, all of them), and move the focus to the first
  // row added: the button it was on may now be screens below, or hidden
  // (the last rows listed). The row's first link, or its first cell when it
  // has none (:columns: without number and title), focusable only while it
  // has the focus, as the skip link's target.
  PepIndex.prototype.listMore = function (every) {
    var before = this.listed;
    if (every) this.all = true;
    else this.limit = this.listed + PAGE;
    this.applySort();
    // The listed rows in the order shown: tbody by tbody, each in its order.
    var first = null;
    var seen = 0;
    this.bodies.forEach(function (body) {
      body.records.forEach(function (record) {
        if (!record.listed || first) return;
        if (seen === before) first = record;
        seen += 1;
      });
    });
    (function focus() {
      if (!first || !first.listed) return; // a later change left it out
      if (first.hidden) return window.requestAnimationFrame(focus); // shown in a next frame
      var target = first.row.querySelector("a[href]") || focusUntilBlur(first.row.cells[0]);
      if (target) target.focus();
    })();
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
      focusUntilBlur(target).focus();
    });
    return link;
  };

  // *node*, focusable by script only while it has the focus: a click in the
  // table afterwards leaves it be, and Tab never stops on it.
  function focusUntilBlur(node) {
    if (!node) return null;
    node.setAttribute("tabindex", "-1");
    node.addEventListener(
      "blur",
      function () {
        node.removeAttribute("tabindex");
      },
      { once: true }
    );
    return node;
  }

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
  // The chips and a long group's "more" button: one Tab stop for them all.
  var FOCUS_STOPS = ".pep-chip, .pep-chip-more";

  function rovingFocus(group) {
    function settle(current) {
      group.querySelectorAll(FOCUS_STOPS).forEach(function (chip) {
        chip.tabIndex = chip === current ? 0 : -1;
      });
    }
    settle(
      Array.from(group.querySelectorAll(FOCUS_STOPS)).filter(function (chip) {
        return !chip.closest("[hidden]");
      })[0]
    );
    group.addEventListener("focusin", function (event) {
      if (event.target.matches(FOCUS_STOPS)) settle(event.target);
    });
    group.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (!target.matches(FOCUS_STOPS)) return;
      var chips = Array.from(group.querySelectorAll(FOCUS_STOPS)).filter(function (chip) {
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
    // The fragment the indexes show: Back and Forward between our entries
    // fire popstate and then hashchange, and the second must not update
    // every index again (at 2,000 rows that doubles the time Back takes).
    var shownHash = null;
    var page = {
      remember: function (push) {
        writeFragment(indexes, push);
        shownHash = window.location.hash;
      },
    };
    blocks.forEach(function (block, i) {
      indexes.push(new PepIndex(block, page, i + 1));
    });
    function restore(event) {
      if (event && window.location.hash === shownHash) return;
      shownHash = window.location.hash;
      var states = readFragment();
      // An ordinary anchor (#motivation) followed later changes no filter.
      if (event && states === null && window.location.hash) return;
      indexes.forEach(function (index, i) {
        index.applyState(states && states[i + 1]);
      });
    }
    restore(null);
    if (timing && timing.measure) timing.measure("pep-index:ready", { start: "pep-index:start" });
    // Back and Forward (popstate), and a fragment edited by hand (hashchange).
    window.addEventListener("popstate", restore);
    window.addEventListener("hashchange", restore);
    ["beforeprint", "afterprint"].forEach(function (type) {
      window.addEventListener(type, function () {
        indexes.forEach(function (index) {
          index.listForPrint(type === "beforeprint");
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

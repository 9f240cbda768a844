/* powermap — the interactive power map.
 *
 * One script for the live opportunity page and the standalone HTML export.
 * It reads the payload of powermap.mapview (live: fetched from the element's
 * data-map-url; export: the inlined JSON script element with the id
 * "powermap-data"), draws it with vis-network (physics off: positions
 * come precomputed for both layouts) and builds the controls: legend,
 * filters, search, layout switch, detail panel, ally-expansion suggestions
 * and the competitor view. With data-api-base (live only) the panel also
 * edits scores, adds and removes relationships and plans actions.
 *
 * The DOM is built with createElement/textContent only: user text is never
 * parsed as HTML. Tests read window.powermapMap and the root's data-* state.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fmt(value, digits) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "number") return value.toFixed(digits === undefined ? 2 : digits);
    return String(value);
  }
  function signed(value) {
    if (value === null || value === undefined) return "—";
    return (value > 0 ? "+" : "") + value.toFixed(2);
  }
  function option(value, label, selected) {
    return el("option", { value: value, selected: selected ? "selected" : null, text: label });
  }

  // ------------------------------------------------------------------ the map
  function PowerMap(root) {
    this.root = root;
    this.apiBase = root.getAttribute("data-api-base") || "";
    this.mapUrl = root.getAttribute("data-map-url") || "";
    this.live = Boolean(this.apiBase);
    this.layout = null;
    this.selected = null;
    this.competitorView = "";
    this.highlight = { nodes: [], edges: [] };
    this.filters = { role: "", attitude: "", department: "", competitor: "" };
    this.query = "";
    this.ready = false;
    this.timings = { start: performance.now() };  // read by benchmarks/browser.py
    this.build();
  }

  PowerMap.prototype.build = function () {
    var self = this;
    clear(this.root);
    this.root.classList.add("pm-map");
    this.summaryBox = el("div", { className: "pm-summary", "aria-live": "polite" });
    this.searchInput = el("input", {
      type: "search", className: "pm-search", placeholder: "Search people…",
      "aria-label": "Search people",
      oninput: function () { self.search(this.value); },
      onkeydown: function (e) { if (e.key === "Enter") self.search(this.value, true); }
    });
    this.searchCount = el("span", { className: "pm-search-count" });
    this.layoutSelect = el("select", {
      className: "pm-layout", "aria-label": "Layout",
      onchange: function () { self.setLayout(this.value); }
    }, [option("org", "Org chart"), option("network", "Network")]);
    this.filterBox = el("span", { className: "pm-filters" });
    this.toolbar = el("div", { className: "pm-toolbar" }, [
      this.searchInput, this.searchCount,
      el("label", {}, ["Layout ", this.layoutSelect]),
      this.filterBox,
      el("button", { type: "button", className: "pm-fit", text: "Fit",
                     onclick: function () { self.network && self.network.fit(); } })
    ]);
    this.canvas = el("div", { className: "pm-canvas", role: "img",
                              "aria-label": "Power map" });
    this.tabs = el("div", { className: "pm-tabs", role: "tablist" });
    this.panelBody = el("div", { className: "pm-panel-body" });
    this.panel = el("aside", { className: "pm-panel" }, [this.tabs, this.panelBody]);
    this.legendBox = el("div", { className: "pm-legend" });
    this.status = el("div", { className: "pm-status", role: "status" });
    this.root.appendChild(this.summaryBox);
    this.root.appendChild(this.toolbar);
    this.root.appendChild(el("div", { className: "pm-body" }, [this.canvas, this.panel]));
    this.root.appendChild(this.legendBox);
    this.root.appendChild(this.status);
    this.tab = "details";
  };

  PowerMap.prototype.load = function () {
    var self = this;
    var inline = document.getElementById("powermap-data");
    if (inline && !this.mapUrl) {
      return readInline(inline).then(function (payload) { self.apply(payload); return payload; })
        .catch(function (error) { self.say("The map data could not be read: " + error.message,
                                           true); });
    }
    return this.fetchPayload();
  };

  /* The export inlines small payloads as JSON and large ones as gzip + base64,
     inflated here by the browser itself (no request is made). */
  function readInline(element) {
    var text = element.textContent;
    if (element.getAttribute("data-encoding") !== "gzip+base64") {
      return Promise.resolve(JSON.parse(text));
    }
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot unpack a large map; " +
                                      "open it in a current Chrome, Edge, Firefox or Safari"));
    }
    var binary = atob(text.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  PowerMap.prototype.fetchPayload = function () {
    var self = this;
    // plain GET, same credentials as the partial's <link rel=preload>: the first load
    // reuses the response the browser started fetching while it parsed the page
    return fetch(this.mapUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("The map could not be loaded (" + response.status + ").");
        return response.json();
      })
      .then(function (payload) { self.apply(payload); return payload; })
      .catch(function (error) { self.say(error.message, true); });
  };

  PowerMap.prototype.say = function (text, isError) {
    this.status.textContent = text || "";
    this.status.classList.toggle("pm-error", Boolean(isError));
  };

  // ------------------------------------------------------------------ payload → vis
  PowerMap.prototype.apply = function (payload) {
    this.timings.received = this.timings.received || performance.now();
    this.payload = payload;
    this.highlight = { nodes: [], edges: [] };
    this.root.removeAttribute("data-highlighted-path");
    this.byId = {};
    var self = this;
    payload.nodes.forEach(function (n) { self.byId[n.id] = n; });
    payload.placeholders.forEach(function (p) { self.byId[p.id] = p; });
    this.colors = {};
    payload.legend.attitudes.forEach(function (a) { self.colors[a.key] = a.color; });
    this.leadColors = {};
    payload.legend.leads.forEach(function (a) { self.leadColors[a.key] = a.color; });
    this.edgeStyles = {};
    payload.legend.edge_types.forEach(function (t) { self.edgeStyles[t.type] = t; });
    // the layouts leave room for labels of these sizes (powermap.mapview.FONT_SIZES)
    this.fonts = payload.legend.fonts || { member: 16, outside: 12, placeholder: 12 };
    if (!this.layout) this.layout = payload.layout;
    this.layoutSelect.value = this.layout;

    var visNodes = payload.nodes.map(function (n) { return self.visNode(n); })
      .concat(payload.placeholders.map(function (p) { return self.visPlaceholder(p); }));
    var visEdges = payload.edges.map(function (e, i) { return self.visEdge(e, i); });
    if (!this.network) {
      this.nodes = new vis.DataSet(visNodes);
      this.edges = new vis.DataSet(visEdges);
      this.draw();
      this.renderFilters();
      this.renderLegend();
    } else {
      this.nodes.update(visNodes);
      var keep = {};
      visNodes.forEach(function (n) { keep[n.id] = true; });
      this.nodes.remove(this.nodes.getIds().filter(function (id) { return !keep[id]; }));
      this.edges.clear();
      this.edges.add(visEdges);
      this.renderFilters();
    }
    this.root.setAttribute("data-node-count", String(payload.nodes.length));
    this.root.setAttribute("data-edge-count", String(payload.edges.length));
    this.renderSummary();
    this.applyFilters();
    if (this.competitorView) this.colourByCompetitor(this.competitorView);
    if (this.query) this.search(this.query);
    this.renderTabs();
    var timings = this.timings;
    timings.applied = timings.applied || performance.now();
    if (!this.ready) {
      // ready = drawn, panels built, and the browser free to answer the next click
      requestAnimationFrame(function () {
        setTimeout(function () {
          timings.idle = performance.now();
          self.ready = true;
          self.root.setAttribute("data-ready", "true");
          self.root.dispatchEvent(new CustomEvent("powermap:ready"));
        }, 0);
      });
    }
  };

  PowerMap.prototype.position = function (item) {
    var p = this.layout === "network" ? item.net : item.org;
    return { x: p[0], y: p[1] };
  };

  PowerMap.prototype.nodeColor = function (n, key) {
    var fill = key ? this.leadColors[key] : this.colors[n.color_key];
    var border = n.color_key === "unknown" && !key ? "#566573" : "#2c3e50";
    return { background: fill, border: border,
             highlight: { background: fill, border: "#8e44ad" },
             hover: { background: fill, border: "#8e44ad" } };
  };

  PowerMap.prototype.tooltip = function (n) {
    var lines = [n.name];
    if (n.title || n.department) lines.push([n.title, n.department].filter(Boolean).join(" · "));
    if (n.in_buying_center) {
      lines.push("Influence " + fmt(n.influence, 0) + " · attitude " + n.color_key);
    } else {
      lines.push("Not in this buying center");
    }
    return lines.join("\n");
  };

  PowerMap.prototype.visNode = function (n) {
    var pos = this.position(n);
    return {
      id: n.id, label: n.label, x: pos.x, y: pos.y, shape: n.shape, size: n.size,
      borderWidth: n.border, borderWidthSelected: n.border + 2,
      color: this.nodeColor(n),
      shapeProperties: { borderDashes: n.color_key === "unknown" ? [4, 3] : false },
      font: { size: n.in_buying_center ? this.fonts.member : this.fonts.outside,
              color: n.in_buying_center ? "#1b2631" : "#7f8c8d" },
      title: this.tooltip(n), hidden: false
    };
  };

  PowerMap.prototype.visPlaceholder = function (p) {
    var pos = this.position(p);
    return {
      id: p.id, label: p.label, x: pos.x, y: pos.y, shape: p.shape, size: p.size || 16,
      borderWidth: 2, color: { background: "rgba(255,255,255,0.4)", border: "#95a5a6",
                               highlight: { background: "#fff", border: "#8e44ad" } },
      shapeProperties: { borderDashes: [5, 5] },
      font: { color: "#7f8c8d", size: this.fonts.placeholder },
      title: "Nobody fills this role yet", hidden: false
    };
  };

  PowerMap.prototype.visEdge = function (e, i) {
    var style = this.edgeStyles[e.type] || {};
    var count = this.payload.edges.length;
    // curves and dashes are costly to paint: a 5,000-edge map with dashes takes over a
    // second per frame in software rendering; big maps keep colour, width and arrows only
    return {
      id: e.id !== undefined && e.id !== null ? "r" + e.id : "e" + i,
      from: e.from, to: e.to, relationship: e,
      arrows: style.arrows || "", dashes: count > 600 ? false : (style.dashes || false),
      color: { color: style.color, highlight: "#8e44ad", hover: "#8e44ad", opacity: 0.85 },
      width: (style.width || 1) + (style.width_per_strength || 0) * (e.strength || 1),
      smooth: count > 400 ? false : (style.smooth || false),
      title: (this.byId[e.from] ? this.byId[e.from].name : e.from) + " " +
             (style.label || e.type) + " " +
             (this.byId[e.to] ? this.byId[e.to].name : e.to) +
             (e.type === "reports_to" ? "" : " (strength " + e.strength + ")")
    };
  };

  /* Smallest on-screen label size (px) still drawn. A map of up to SMALL_MAP people always
     shows every name (the layouts keep them legible when fitted); bigger maps drop labels
     below 5 px when zoomed out: they would be unreadable and cost paint time. */
  var SMALL_MAP = 60;

  PowerMap.prototype.draw = function () {
    var self = this;
    var count = this.payload.nodes.length;
    var large = count > 300;
    this.network = new vis.Network(this.canvas, { nodes: this.nodes, edges: this.edges }, {
      physics: { enabled: false },
      layout: { improvedLayout: false, hierarchical: false },
      interaction: { hover: !large, tooltipDelay: 250, hideEdgesOnDrag: large,
                     hideEdgesOnZoom: large, multiselect: false, navigationButtons: false },
      nodes: {
        font: { face: "system-ui, -apple-system, \"Segoe UI\", \"PingFang SC\", " +
                      "\"Microsoft YaHei\", \"Noto Sans CJK SC\", sans-serif",
                multi: false,
                // a halo keeps names legible where an edge runs under them
                strokeWidth: count <= SMALL_MAP ? 3 : 0, strokeColor: "rgba(251,252,252,0.85)" },
        scaling: { label: { enabled: false, drawThreshold: count <= SMALL_MAP ? 1 : 6,
                            maxVisible: 40 } }
      },
      edges: { selectionWidth: 2, arrowStrikethrough: false }
    });
    this.network.on("click", function (params) {
      if (self.pickTarget && params.nodes.length) {
        self.pickTarget(params.nodes[0]);
        return;
      }
      if (params.nodes.length) self.select(params.nodes[0]);
    });
    this.timings.created = performance.now();
    this.network.once("afterDrawing", function () { self.timings.drawn = performance.now(); });
  };

  // ------------------------------------------------------------------ summary & legend
  PowerMap.prototype.renderSummary = function () {
    var s = this.payload.summary || {};
    var opp = this.payload.opportunity || {};
    var health = s.health || "unknown";
    var forecast = s.forecast || {};
    var support = s.support || {};
    var flags = s.flags || [];
    clear(this.summaryBox);
    this.root.setAttribute("data-health", health);
    this.root.setAttribute("data-forecast", forecast.deal === undefined || forecast.deal === null
      ? "" : String(forecast.deal));
    this.summaryBox.appendChild(el("span", { className: "pm-health pm-health-" + health,
                                             text: "Health: " + health }));
    this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-kpi-forecast",
                                             text: "Deal forecast " + signed(forecast.deal) }));
    this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-kpi-support",
                                             text: "Net support " + signed(support.net_support) }));
    this.summaryBox.appendChild(el("span", { className: "pm-kpi",
      text: this.payload.nodes.filter(function (n) { return n.in_buying_center; }).length +
            " in buying center · " + this.payload.nodes.length + " people" }));
    if (flags.length) {
      var list = el("ul", { className: "pm-flags" });
      flags.slice(0, 6).forEach(function (f) {
        list.appendChild(el("li", { className: "pm-flag pm-sev-" + f.severity },
          [el("strong", { text: f.title }), f.message ? " — " + f.message : ""]));
      });
      var details = el("details", { className: "pm-risks" },
        [el("summary", { text: flags.length + " risk flag" + (flags.length === 1 ? "" : "s") }),
         list]);
      this.summaryBox.appendChild(details);
    }
    if (opp.name) this.root.setAttribute("data-opportunity", opp.name);
  };

  PowerMap.prototype.renderLegend = function () {
    var legend = this.payload.legend;
    clear(this.legendBox);
    var attitudes = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: "Attitude" })]);
    legend.attitudes.forEach(function (a) {
      attitudes.appendChild(el("li", {}, [
        el("span", { className: "pm-swatch" + (a.key === "unknown" ? " pm-swatch-unknown" : ""),
                     style: "background:" + a.color }), a.label]));
    });
    var roles = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: "Role (shape · badge)" })]);
    legend.roles.forEach(function (r) {
      roles.appendChild(el("li", {}, [
        el("span", { className: "pm-shape pm-shape-" + r.shape, "aria-hidden": "true" }),
        r.badge + " " + r.label + " " + r.label_zh]));
    });
    var edges = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: "Relationship" })]);
    legend.edge_types.forEach(function (t) {
      edges.appendChild(el("li", {}, [
        el("span", { className: "pm-line pm-line-" + t.type, style: "border-top-color:" + t.color }),
        t.label + (t.directed ? " →" : "")]));
    });
    var coverage = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: "Border = our best coverage" })]);
    legend.coverage.forEach(function (c) {
      coverage.appendChild(el("li", {}, [
        el("span", { className: "pm-swatch", style: "border-width:" + c.border + "px" }),
        c.value + " " + c.label]));
    });
    coverage.appendChild(el("li", {}, [
      el("span", { className: "pm-swatch pm-swatch-ghost" }), "Role nobody fills yet"]));
    [attitudes, roles, edges, coverage].forEach(function (g) { this.legendBox.appendChild(g); },
                                                this);
  };

  // ------------------------------------------------------------------ filters, search, layout
  PowerMap.prototype.renderFilters = function () {
    var self = this;
    var legend = this.payload.legend;
    var departments = {};
    this.payload.nodes.forEach(function (n) { if (n.department) departments[n.department] = 1; });
    var competitors = (this.payload.competition || {}).competitors || [];
    function select(name, label, options) {
      var s = el("select", { className: "pm-filter", "data-filter": name, "aria-label": label,
        onchange: function () { self.filters[name] = this.value; self.applyFilters(); } },
        [option("", label + ": all")].concat(options.map(function (o) {
          return option(o[0], o[1], String(self.filters[name]) === String(o[0]));
        })));
      return s;
    }
    clear(this.filterBox);
    this.filterBox.appendChild(select("role", "Role", legend.roles.map(function (r) {
      return [r.key, r.label]; })));
    this.filterBox.appendChild(select("attitude", "Attitude", legend.attitudes.map(function (a) {
      return [a.key, a.label]; })));
    this.filterBox.appendChild(select("department", "Department",
      Object.keys(departments).sort().map(function (d) { return [d, d]; })));
    if (competitors.length) {
      this.filterBox.appendChild(select("competitor", "Competitor",
        competitors.map(function (c) { return [c.id, c.name + " covers"]; })));
    }
  };

  PowerMap.prototype.matchesFilters = function (n) {
    var f = this.filters;
    if (f.role && (n.roles || []).indexOf(f.role) < 0) return false;
    if (f.attitude && n.color_key !== f.attitude) return false;
    if (f.department && n.department !== f.department) return false;
    if (f.competitor) {
      var pos = (n.competitors || []).filter(function (c) { return String(c.id) === f.competitor; });
      if (!pos.length || !pos[0].coverage) return false;
    }
    return true;
  };

  PowerMap.prototype.applyFilters = function () {
    var self = this;
    var any = this.filters.role || this.filters.attitude || this.filters.department ||
              this.filters.competitor;
    var shown = 0;
    var updates = this.payload.nodes.map(function (n) {
      var visible = self.matchesFilters(n);
      if (visible) shown += 1;
      return { id: n.id, hidden: !visible };
    });
    this.payload.placeholders.forEach(function (p) {
      updates.push({ id: p.id, hidden: Boolean(any) &&
        !(self.filters.role && (p.roles || []).indexOf(self.filters.role) >= 0) });
    });
    this.nodes.update(updates);
    this.root.setAttribute("data-visible-count", String(shown));
  };

  PowerMap.prototype.search = function (text, focus) {
    this.query = (text || "").trim();
    var q = this.query.toLowerCase();
    var hits = [];
    if (q) {
      this.payload.nodes.forEach(function (n) {
        var hay = [n.name, n.title, n.department, n.email].filter(Boolean).join(" ").toLowerCase();
        if (hay.indexOf(q) >= 0) hits.push(n.id);
      });
    }
    this.root.setAttribute("data-search-matches", String(hits.length));
    this.searchCount.textContent = q ? hits.length + " found" : "";
    this.network.selectNodes(hits, false);
    if (hits.length === 1 || (focus && hits.length)) {
      this.network.focus(hits[0], { scale: 1.1, animation: false });
      if (hits.length === 1) this.select(hits[0]);
    }
    return hits;
  };

  PowerMap.prototype.setLayout = function (layout) {
    var self = this;
    this.layout = layout === "network" ? "network" : "org";
    this.layoutSelect.value = this.layout;
    var updates = this.payload.nodes.concat(this.payload.placeholders).map(function (n) {
      var pos = self.position(n);
      return { id: n.id, x: pos.x, y: pos.y };
    });
    this.nodes.update(updates);
    this.network.fit({ animation: false });
    this.root.setAttribute("data-layout", this.layout);
  };

  // ------------------------------------------------------------------ panel tabs
  PowerMap.prototype.renderTabs = function () {
    var self = this;
    var tabs = [["details", "Person"], ["suggestions", "Allies to win"],
                ["competition", "Competitors"]];
    clear(this.tabs);
    tabs.forEach(function (t) {
      self.tabs.appendChild(el("button", {
        type: "button", role: "tab", className: "pm-tab" + (self.tab === t[0] ? " pm-active" : ""),
        "aria-selected": self.tab === t[0] ? "true" : "false", "data-tab": t[0], text: t[1],
        onclick: function () { self.showTab(t[0]); } }));
    });
    this.showTab(this.tab);
  };

  PowerMap.prototype.showTab = function (tab) {
    this.tab = tab;
    Array.prototype.forEach.call(this.tabs.children, function (b) {
      var on = b.getAttribute("data-tab") === tab;
      b.classList.toggle("pm-active", on);
      b.setAttribute("aria-selected", on ? "true" : "false");
    });
    clear(this.panelBody);
    if (tab === "suggestions") this.renderSuggestions();
    else if (tab === "competition") this.renderCompetition();
    else this.renderDetails();
  };

  PowerMap.prototype.select = function (id) {
    var item = this.byId[id];
    if (!item) return;
    this.selected = id;
    this.root.setAttribute("data-selected", String(id));
    this.network.selectNodes([id], true);
    this.showTab("details");
  };

  PowerMap.prototype.personLink = function (id) {
    var self = this;
    var n = this.byId[id];
    return el("a", { href: "#", className: "pm-person", text: n ? n.name : "#" + id,
      onclick: function (e) { e.preventDefault(); self.network.focus(id, { scale: 1.1 });
                              self.select(id); } });
  };

  // ------------------------------------------------------------------ details
  function row(label, value) {
    return el("tr", {}, [el("th", { text: label }),
      el("td", {}, [typeof value === "object" && value !== null ? value : fmt(value)])]);
  }

  PowerMap.prototype.renderDetails = function () {
    var body = this.panelBody;
    var n = this.byId[this.selected];
    if (!n) {
      body.appendChild(el("p", { className: "pm-hint",
        text: "Click a person on the map to see their scores and why they matter." }));
      return;
    }
    var legend = this.payload.legend;
    var roleLabel = {};
    legend.roles.forEach(function (r) { roleLabel[r.key] = r.label + " " + r.label_zh; });
    var box = el("div", { className: "pm-details", "data-stakeholder": String(n.id) });
    if (String(n.id).indexOf("placeholder-") === 0) {
      box.appendChild(el("h3", { text: n.label }));
      box.appendChild(el("p", { text: "Nobody fills this role yet. Find out who it is." }));
      if (this.live) box.appendChild(this.assignForm(n));
      body.appendChild(box);
      return;
    }
    box.appendChild(el("h3", { className: "pm-name", text: n.name }));
    box.appendChild(el("p", { className: "pm-sub",
      text: [n.title, n.department, n.level ? "level " + n.level : null]
        .filter(Boolean).join(" · ") }));
    var table = el("table", { className: "pm-facts" });
    table.appendChild(row("Buying center", n.in_buying_center ? "yes" : "no"));
    if (n.in_buying_center) {
      table.appendChild(row("Roles", (n.roles || []).map(function (r) { return roleLabel[r]; })
        .join(", ") || "—"));
      table.appendChild(row("Influence", fmt(n.influence, 0) + " / 5"));
      table.appendChild(row("Attitude", (n.attitude === null || n.attitude === undefined
        ? "unknown" : (n.attitude > 0 ? "+" : "") + n.attitude + " " + n.color_key)));
      table.appendChild(row("Effective influence", n.effective_influence));
      table.appendChild(row("Rank", n.rank === undefined ? "—" : String(n.rank)));
      table.appendChild(row("Forecast attitude", n.forecast_attitude === undefined ? "—"
        : signed(n.forecast_attitude) + " (today " + (n.attitude === null ||
          n.attitude === undefined ? "unknown" : signed(n.attitude)) + ")"));
      table.appendChild(row("Quadrant", n.quadrant || "—"));
      table.appendChild(row("Verified", [n.verified_at, n.verified_by].filter(Boolean).join(" by ")
        || "—"));
    }
    table.appendChild(row("Our best coverage", String(n.coverage_best || 0)));
    box.appendChild(table);
    if ((n.coverage || []).length) {
      var cov = el("ul", { className: "pm-coverage" });
      n.coverage.forEach(function (c) {
        cov.appendChild(el("li", { text: (c.name || "#" + c.team_member_id) + ": " + c.strength +
          (c.owner ? " (owner)" : "") + (c.last_contact ? ", last contact " + c.last_contact : "") }));
      });
      box.appendChild(el("h4", { text: "Our relationships" }));
      box.appendChild(cov);
    }
    if ((n.competitors || []).length) {
      var comp = el("ul", { className: "pm-competitors" });
      n.competitors.forEach(function (c) {
        comp.appendChild(el("li", { text: c.name + ": coverage " + fmt(c.coverage, 0) +
          ", preference " + fmt(c.preference, 0) + " — " + c.lead }));
      });
      box.appendChild(el("h4", { text: "Competitors" }));
      box.appendChild(comp);
    }
    if ((n.reasons || []).length) {
      var why = el("ul", { className: "pm-reasons" });
      n.reasons.forEach(function (r) { why.appendChild(el("li", { text: r })); });
      box.appendChild(el("h4", { text: "Why" }));
      box.appendChild(why);
    }
    if (n.notes) box.appendChild(el("p", { className: "pm-notes", text: n.notes }));
    box.appendChild(this.relationshipList(n));
    if (this.live && n.entry_id) box.appendChild(this.editForm(n));
    else if (this.live) box.appendChild(this.joinForm(n));
    body.appendChild(box);
  };

  PowerMap.prototype.relationshipList = function (n) {
    var self = this;
    var wrap = el("div", { className: "pm-relationships" }, [el("h4", { text: "Relationships" })]);
    var list = el("ul", {});
    this.payload.edges.forEach(function (e) {
      if (e.from !== n.id && e.to !== n.id) return;
      var other = e.from === n.id ? e.to : e.from;
      var style = self.edgeStyles[e.type] || {};
      var text = e.from === n.id ? style.label + " " : "← " + style.label + " ";
      var item = el("li", { "data-relationship": String(e.id) },
        [text, self.personLink(other), e.type === "reports_to" ? "" : " (" + e.strength + ")"]);
      if (self.live && e.id !== undefined && e.id !== null) {
        item.appendChild(el("button", { type: "button", className: "pm-remove", text: "Remove",
          "aria-label": "Remove relationship",
          onclick: function () { self.removeRelationship(e.id, e.version); } }));
      }
      list.appendChild(item);
    });
    if (!list.firstChild) list.appendChild(el("li", { className: "pm-hint", text: "None recorded." }));
    wrap.appendChild(list);
    if (this.live) wrap.appendChild(this.relationshipForm(n));
    return wrap;
  };

  // ------------------------------------------------------------------ live editing
  PowerMap.prototype.api = function (method, path, body) {
    return fetch(this.apiBase.replace(/\/$/, "") + path, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 204) return { status: 204, data: null };
      return response.json().then(function (data) { return { status: response.status, data: data }; },
                                  function () { return { status: response.status, data: null }; });
    });
  };

  function showProblems(form, result) {
    Array.prototype.forEach.call(form.querySelectorAll(".pm-field-error"), function (e) {
      e.textContent = "";
    });
    var general = form.querySelector(".pm-form-error");
    general.textContent = "";
    var data = result.data || {};
    if (result.status === 409) {
      general.textContent = (data.message || "Someone else changed this record.") +
        " The map was reloaded; check the values and save again.";
      return;
    }
    (data.problems || []).forEach(function (p) {
      var slot = p.field && form.querySelector('.pm-field-error[data-field="' + p.field + '"]');
      if (slot) slot.textContent = p.reason;
      else general.textContent += (general.textContent ? " " : "") +
        (p.field ? p.field + ": " : "") + p.reason;
    });
    if (!data.problems && data.message) general.textContent = data.message;
  }

  PowerMap.prototype.editForm = function (n) {
    var self = this;
    var legend = this.payload.legend;
    var influence = el("select", { name: "influence" }, legend.influence.map(function (i) {
      return option(i.value, i.value + " " + i.label, i.value === n.influence); }));
    var attitude = el("select", { name: "attitude" }, [option("", "unknown", n.attitude === null ||
      n.attitude === undefined)].concat(legend.attitudes.filter(function (a) {
        return a.value !== null; }).map(function (a) {
        return option(a.value, (a.value > 0 ? "+" : "") + a.value + " " + a.key,
                      a.value === n.attitude); })));
    var roles = el("fieldset", { className: "pm-roles" }, [el("legend", { text: "Roles" })]);
    legend.roles.forEach(function (r) {
      roles.appendChild(el("label", {}, [el("input", { type: "checkbox", name: "roles",
        value: r.key, checked: (n.roles || []).indexOf(r.key) >= 0 ? "checked" : null }),
        " " + r.label]));
    });
    function error(field) { return el("span", { className: "pm-field-error", "data-field": field,
                                                role: "alert" }); }
    var form = el("form", { className: "pm-edit", "data-entry": String(n.entry_id) }, [
      el("h4", { text: "Edit scores" }),
      el("label", {}, ["Influence ", influence]), error("influence"),
      el("label", {}, ["Attitude ", attitude]), error("attitude"),
      roles, error("roles"),
      el("button", { type: "submit", className: "pm-save", text: "Save" }),
      el("p", { className: "pm-form-error", role: "alert" })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = Array.prototype.filter.call(form.querySelectorAll('input[name="roles"]'),
        function (c) { return c.checked; }).map(function (c) { return c.value; });
      var body = {
        influence: Number(influence.value),
        attitude: attitude.value === "" ? null : Number(attitude.value),
        roles: chosen,
        version: n.entry_version
      };
      self.say("Saving…");
      self.api("PATCH", "/buying-center/" + n.entry_id, body).then(function (result) {
        if (result.status >= 200 && result.status < 300) {
          self.say("Saved.");
          return self.fetchPayload();
        }
        if (result.status === 409) {
          return self.fetchPayload().then(function () {
            var again = self.panelBody.querySelector("form.pm-edit");
            if (again) showProblems(again, result);
            self.say("Conflict: reloaded.", true);
          });
        }
        showProblems(form, result);
        self.say("Not saved.", true);
      }).catch(function (e) { self.say("Not saved: " + e.message, true); });
    });
    return form;
  };

  /* A placeholder role: name the person who fills it (someone outside the buying center). */
  PowerMap.prototype.assignForm = function (ghost) {
    var self = this;
    var people = this.payload.nodes.filter(function (p) { return !p.in_buying_center; })
      .sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    var who = el("select", { name: "stakeholder_id" }, [option("", "— person —")].concat(
      people.map(function (p) { return option(p.id, p.name); })));
    var form = el("form", { className: "pm-join pm-assign" }, [
      el("h4", { text: "Who is it?" }), who,
      el("span", { className: "pm-field-error", "data-field": "stakeholder_id", role: "alert" }),
      el("button", { type: "submit", text: "Assign" }),
      el("p", { className: "pm-form-error", role: "alert" })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.api("PATCH", "/buying-center/" + ghost.entry_id, {
        stakeholder_id: who.value ? Number(who.value) : null, placeholder: null,
        version: ghost.entry_version
      }).then(function (result) {
        if (result.status >= 200 && result.status < 300) {
          self.selected = Number(who.value);
          self.say("Role assigned.");
          return self.fetchPayload();
        }
        showProblems(form, result);
      });
    });
    return form;
  };

  /* A person outside this opportunity's buying center: add them with a role. */
  PowerMap.prototype.joinForm = function (n) {
    var self = this;
    var role = el("select", { name: "roles" }, this.payload.legend.roles.map(function (r) {
      return option(r.key, r.label, r.key === "influencer"); }));
    var form = el("form", { className: "pm-join" }, [
      el("h4", { text: "Add to the buying center" }), role,
      el("span", { className: "pm-field-error", "data-field": "roles", role: "alert" }),
      el("button", { type: "submit", text: "Add" }),
      el("p", { className: "pm-form-error", role: "alert" })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.api("POST", "/buying-center", { opportunity_id: self.payload.opportunity.id,
                                           stakeholder_id: n.id, roles: [role.value] })
        .then(function (result) {
          if (result.status === 201 || result.status === 200) {
            self.say("Added to the buying center.");
            return self.fetchPayload();
          }
          showProblems(form, result);
        });
    });
    return form;
  };

  PowerMap.prototype.relationshipForm = function (n) {
    var self = this;
    var type = el("select", { name: "type" }, this.payload.legend.edge_types.map(function (t) {
      return option(t.type, t.label); }));
    var people = this.payload.nodes.filter(function (p) { return p.id !== n.id; })
      .slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    var target = el("select", { name: "target_id" }, [option("", "— person —")].concat(
      people.map(function (p) { return option(p.id, p.name); })));
    var strength = el("select", { name: "strength" },
      this.payload.legend.relationship_strength.map(function (s) {
        return option(s, "strength " + s, s === 2); }));
    var pick = el("button", { type: "button", className: "pm-pick", text: "Pick on map",
      onclick: function () {
        self.say("Click the other person on the map.");
        self.pickTarget = function (id) {
          self.pickTarget = null;
          if (self.byId[id] && typeof id === "number") target.value = String(id);
          self.say("");
        };
      } });
    function error(field) { return el("span", { className: "pm-field-error", "data-field": field,
                                                role: "alert" }); }
    var form = el("form", { className: "pm-add-relationship" }, [
      el("h4", { text: "Add relationship" }),
      el("span", { text: n.name + " " }), type, error("type"),
      target, pick, error("target_id"), strength, error("strength"),
      el("button", { type: "submit", text: "Add" }),
      el("p", { className: "pm-form-error", role: "alert" })
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = { source_id: n.id, target_id: target.value ? Number(target.value) : null,
                   type: type.value };
      if (type.value !== "reports_to") body.strength = Number(strength.value);
      self.api("POST", "/relationships", body).then(function (result) {
        if (result.status === 201 || result.status === 200) {
          self.say("Relationship added.");
          return self.fetchPayload();
        }
        showProblems(form, result);
      });
    });
    return form;
  };

  /* Remove a relationship; with its version, so one changed meanwhile is refused (409). */
  PowerMap.prototype.removeRelationship = function (id, version) {
    var self = this;
    var path = "/relationships/" + id;
    if (typeof version === "number") path += "?version=" + encodeURIComponent(version);
    this.api("DELETE", path).then(function (result) {
      if (result.status >= 200 && result.status < 300) {
        self.say("Relationship removed.");
        return self.fetchPayload();
      }
      if (result.status === 409) {
        return self.fetchPayload().then(function () {
          var list = self.panelBody.querySelector(".pm-relationships");
          if (list) {
            var data = result.data || {};
            list.insertBefore(el("p", { className: "pm-form-error pm-conflict", role: "alert",
              text: (data.message || "Someone else changed this relationship.") +
                " The map was reloaded and nothing was removed; check it and remove it " +
                "again if you still want to." }), list.children[1] || null);
          }
          self.say("Conflict: reloaded.", true);
        });
      }
      self.say((result.data && result.data.message) || "Could not remove it.", true);
    }).catch(function (e) { self.say("Not removed: " + e.message, true); });
  };

  // ------------------------------------------------------------------ suggestions
  PowerMap.prototype.clearHighlight = function () {
    var self = this;
    if (this.highlight.nodes.length) {
      this.nodes.update(this.highlight.nodes.map(function (id) {
        var n = self.byId[id];
        return n ? { id: id, borderWidth: n.border, color: self.nodeColor(n, self.leadOf(n)) }
                 : { id: id };
      }));
    }
    if (this.highlight.edges.length) {
      this.edges.update(this.highlight.edges.map(function (e) {
        return { id: e.id, color: e.color, width: e.width };
      }));
    }
    this.highlight = { nodes: [], edges: [] };
    this.root.removeAttribute("data-highlighted-path");
  };

  PowerMap.prototype.highlightPath = function (path) {
    var self = this;
    this.clearHighlight();
    var ids = path.filter(function (id) { return self.byId[id]; });
    var edges = [];
    for (var i = 0; i + 1 < ids.length; i++) {
      this.edges.get().forEach(function (e) {
        if ((e.from === ids[i] && e.to === ids[i + 1]) ||
            (e.to === ids[i] && e.from === ids[i + 1])) {
          edges.push({ id: e.id, color: e.color, width: e.width });
        }
      });
    }
    this.nodes.update(ids.map(function (id) {
      var c = self.nodeColor(self.byId[id], self.leadOf(self.byId[id]));
      c.border = "#8e44ad";
      return { id: id, borderWidth: 6, color: c, hidden: false };
    }));
    this.edges.update(edges.map(function (e) {
      return { id: e.id, width: 6, color: { color: "#8e44ad", highlight: "#8e44ad" } };
    }));
    this.highlight = { nodes: ids, edges: edges };
    this.root.setAttribute("data-highlighted-path", ids.join(","));
    if (ids.length) this.network.fit({ nodes: ids, maxZoomLevel: 1, animation: false });
    return ids;
  };

  PowerMap.prototype.renderSuggestions = function () {
    var self = this;
    var body = this.panelBody;
    var items = this.payload.suggestions || [];
    if (!items.length) {
      body.appendChild(el("p", { className: "pm-hint", text: "No suggestions: nobody left to win " +
        "through a known path." }));
      return;
    }
    var list = el("ol", { className: "pm-suggestions" });
    items.forEach(function (s, index) {
      var steps = (s.steps || []).map(function (p) { return p.name || ("#" + p.id); });
      var item = el("li", { className: "pm-suggestion", "data-index": String(index),
                            "data-stakeholder": String(s.stakeholder_id) }, [
        el("button", { type: "button", className: "pm-suggestion-pick",
          text: (s.name || "#" + s.stakeholder_id) + " — " + (s.activity_label || s.activity || ""),
          onclick: function () {
            Array.prototype.forEach.call(list.children, function (li) {
              li.classList.remove("pm-active"); });
            item.classList.add("pm-active");
            self.highlightPath(s.path || []);
          } }),
        el("div", { className: "pm-suggestion-meta", text: "Gain " + signed(s.gain) +
          " · success " + fmt(s.success_probability) +
          (steps.length ? " · path: " + steps.join(" → ") : "") }),
        s.summary ? el("div", { className: "pm-suggestion-summary", text: s.summary }) : null
      ]);
      if (self.live) {
        var note = el("span", { className: "pm-action-result", role: "status" });
        item.appendChild(el("button", { type: "button", className: "pm-plan",
          text: "Plan action", onclick: function () {
            var body = { opportunity_id: self.payload.opportunity.id,
                         stakeholder_id: s.stakeholder_id,
                         type: s.activity, status: "planned" };
            if (s.owner_id) body.owner_id = s.owner_id;
            if (s.summary) body.expected_effect = s.summary;
            self.api("POST", "/actions", body).then(function (result) {
              if (result.status === 201 || result.status === 200) {
                note.textContent = "Planned (action #" + (result.data && result.data.id) + ").";
              } else {
                var probs = (result.data && result.data.problems) || [];
                note.textContent = probs.map(function (p) { return p.reason; }).join(" ") ||
                  "Could not plan it.";
              }
            });
          } }));
        item.appendChild(note);
      }
      list.appendChild(item);
    });
    body.appendChild(list);
  };

  // ------------------------------------------------------------------ competitor view
  PowerMap.prototype.leadOf = function (n) {
    if (!this.competitorView || !n || !n.in_buying_center) return null;
    var cid = this.competitorView;
    var pos = (n.competitors || []).filter(function (c) { return String(c.id) === cid; })[0];
    if (pos) return pos.lead;
    return (n.coverage_best || 0) >= 2 ? "us" : "nobody";
  };

  PowerMap.prototype.colourByCompetitor = function (cid) {
    var self = this;
    this.competitorView = cid ? String(cid) : "";
    this.root.setAttribute("data-competitor-view", this.competitorView);
    this.nodes.update(this.payload.nodes.map(function (n) {
      return { id: n.id, color: self.nodeColor(n, self.leadOf(n)) };
    }));
  };

  PowerMap.prototype.renderCompetition = function () {
    var self = this;
    var body = this.panelBody;
    var comp = this.payload.competition || {};
    var competitors = comp.competitors || [];
    var chooser = el("select", { className: "pm-competitor-view", "aria-label": "Competitor view",
      onchange: function () { self.colourByCompetitor(this.value); self.showTab("competition"); } },
      [option("", "Colour by attitude")].concat(competitors.map(function (c) {
        return option(c.id, "Who leads vs " + c.name, String(c.id) === self.competitorView); })));
    body.appendChild(el("label", {}, ["View ", chooser]));
    if (this.competitorView) {
      var keys = el("ul", { className: "pm-legend-group" });
      this.payload.legend.leads.forEach(function (l) {
        keys.appendChild(el("li", {}, [el("span", { className: "pm-swatch",
          style: "background:" + l.color }), l.label]));
      });
      body.appendChild(keys);
    }
    function people(title, ids, cls) {
      var box = el("div", { className: "pm-people " + cls }, [el("h4", { text: title + " (" +
        ids.length + ")" })]);
      var list = el("ul", {});
      ids.forEach(function (id) { list.appendChild(el("li", {}, [self.personLink(id)])); });
      box.appendChild(list);
      return box;
    }
    competitors.forEach(function (c) {
      if (self.competitorView && String(c.id) !== self.competitorView) return;
      body.appendChild(el("h3", { text: c.name + (c.share === null || c.share === undefined
        ? "" : " — share " + Math.round(c.share * 100) + "%") }));
      body.appendChild(people("Strongholds", c.strongholds || [], "pm-strongholds"));
      body.appendChild(people("Contested", c.contested || [], "pm-contested"));
    });
    body.appendChild(people("Blind spots: nobody covers", comp.blind_spots || [],
                            "pm-blind-spots"));
    if (!competitors.length) {
      body.appendChild(el("p", { className: "pm-hint", text: "No competitor in play." }));
    }
  };

  // ------------------------------------------------------------------ start
  function start() {
    var roots = document.querySelectorAll("[data-powermap]");
    Array.prototype.forEach.call(roots, function (root) {
      if (typeof vis === "undefined") {
        root.textContent = "The map library did not load.";
        return;
      }
      var map = new PowerMap(root);
      window.powermapMap = map;
      map.load();
    });
  }
  // The partial puts this script right after the map's element: start at once (the payload
  // downloads while the rest of the page is parsed); otherwise wait for the document.
  if (document.querySelector("[data-powermap]") || document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();

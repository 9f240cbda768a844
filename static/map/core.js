/* powermap — the interactive power map, part 1: the map itself.
 *
 * The map's script is a few files joined in the order of
 * powermap.resources.MAP_SCRIPTS (the live page loads them joined from one URL,
 * the HTML export inlines the same text), core first and start last. This one
 * reads the payload of
 * powermap.mapview (live: fetched from the element's data-map-url; export: the
 * inlined JSON script element with the id "powermap-data"), draws it with
 * vis-network (physics off: positions come precomputed for both layouts) and
 * builds the toolbar: filters, search and the layout switch. It defines
 * window.PowerMap, which the other files extend, and the helpers they share:
 * el() and t(). It runs to over 600 lines because filters, search, layouts, the org
 * chart's routed lines and print fitting rewrite or draw the same vis-network data sets
 * that loading fills; apart they would share private state.
 *
 * The DOM is built with createElement/textContent only: user text is never
 * parsed as HTML. Tests read window.powermapMap and the root's data-* state.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ helpers
  /* An element whose text and attributes are set as text, never parsed as HTML. */
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

  /* Every user-facing sentence of the map goes through t(): a whole sentence with {name}
     placeholders, filled from values. t("{count} found", {count: 3}) → "3 found".
     The sentence is looked up in the page's catalog (powermap.i18n.js_catalog(), embedded
     as JSON in <script type="application/json" id="powermap-i18n">) and falls back to the
     English text itself when the page has no catalog or the catalog lacks it. Numbers and
     dates follow the catalog's language (language(), number(), date()). */
  var catalog = null;
  function messages() {
    if (catalog === null) {
      var element = document.getElementById("powermap-i18n");
      try {
        catalog = element ? JSON.parse(element.textContent) || {} : {};
      } catch (error) {
        catalog = {};  // a broken catalog must not break the map: English it is
      }
    }
    return catalog;
  }
  function t(text, values) {
    var table = messages();
    var found = Object.prototype.hasOwnProperty.call(table, text) && table[text] ? table[text]
                                                                                 : text;
    return String(found).replace(/\{(\w+)\}/g, function (whole, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key)
        ? String(values[key]) : whole;
    });
  }

  /* The catalog's language (its data-lang, e.g. "zh-CN"; else <html lang>), for numbers
     and dates: they read in the language of the sentences around them. */
  function language() {
    var element = document.getElementById("powermap-i18n");
    return (element && element.getAttribute("data-lang")) || document.documentElement.lang ||
           "en";
  }
  function number(value, digits) {
    return new Intl.NumberFormat(language(), { minimumFractionDigits: digits,
                                               maximumFractionDigits: digits }).format(value);
  }
  /* An ISO date ("2027-01-14", or a timestamp starting with one) in the page's language:
     "Jan 14, 2027", "2027年1月14日"; anything else as it is. */
  function date(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
    if (!m) return value === null || value === undefined ? "" : String(value);
    var day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return day.toLocaleDateString(language(), { year: "numeric", month: "short", day: "numeric",
                                                timeZone: "UTC" });
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fmt(value, digits) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "number") return number(value, digits === undefined ? 2 : digits);
    return String(value);
  }
  function signed(value) {
    if (value === null || value === undefined) return "—";
    return (value > 0 ? "+" : "") + number(value, 2);
  }
  function option(value, label, selected) {
    return el("option", { value: value, selected: selected ? "selected" : null, text: label });
  }
  /* A person as a picker shows them: the name, then department and title, so two people
     of the same name can be told apart. */
  function personLabel(p) {
    var details = [p.department, p.title].filter(function (d) { return d; });
    return details.length ? t("{name} — {details}", { name: p.name, details: details.join(", ") })
      : p.name;
  }
  /* People in the order a reader expects: by pinyin in Chinese, alphabetically in English.
     The payload's name_order is the server's order (powermap.i18n.name_sort_key, as the
     pages use); other text sorts by the browser's collation for the catalog's language. */
  var collator = null;
  function compareText(a, b) {
    collator = collator || new Intl.Collator(language() || undefined, { sensitivity: "base" });
    return collator.compare(String(a || ""), String(b || ""));
  }
  function byName(a, b) {
    if (a.name_order !== undefined && b.name_order !== undefined) {
      return a.name_order - b.name_order;
    }
    return compareText(a.name, b.name);
  }

  // ------------------------------------------------------------------ the map
  function PowerMap(root) {
    this.root = root;
    this.apiBase = root.getAttribute("data-api-base") || "";
    this.mapUrl = root.getAttribute("data-map-url") || "";
    /* A reader who may not write (data-read-only, powermap.web.permissions.may_write) sees
       the facts without edit fields, and a drag moves the view, never a person. */
    this.readOnly = root.getAttribute("data-read-only") === "true";
    this.live = Boolean(this.apiBase) && !this.readOnly;
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
      type: "search", className: "pm-search", placeholder: t("Search people…"),
      "aria-label": t("Search people"),
      oninput: function () { self.search(this.value); },
      onkeydown: function (e) { if (e.key === "Enter") self.search(this.value, true); }
    });
    this.searchCount = el("span", { className: "pm-search-count" });
    this.layoutSelect = el("select", {
      className: "pm-layout", "aria-label": t("Layout"),
      onchange: function () { self.setLayout(this.value); }
    }, [option("org", t("Org chart")), option("network", t("Network"))]);
    this.filterBox = el("span", { className: "pm-filters" });
    this.toolbar = el("div", { className: "pm-toolbar" }, [
      this.searchInput, this.searchCount,
      el("label", {}, [t("Layout") + " ", this.layoutSelect]),
      this.filterBox,
      el("button", { type: "button", className: "pm-fit", text: t("Fit"),
                     onclick: function () { self.network && self.network.fit(); } })
    ]);
    this.canvas = el("div", { className: "pm-canvas", role: "img",
                              "aria-label": t("Power map") });
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
        .catch(function (error) {
          self.say(t("The map data could not be read: {reason}", { reason: error.message }),
                   true);
        });
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
      return Promise.reject(new Error(t("This browser cannot unpack a large map; open it in a " +
                                        "current Chrome, Edge, Firefox or Safari.")));
    }
    var binary = atob(text.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* Load the payload from the server and redraw; resolves to the payload, or to undefined
     when it could not be loaded (the status line says why). */
  PowerMap.prototype.fetchPayload = function () {
    var self = this;
    // plain GET, same credentials as the partial's <link rel=preload>: the first load
    // reuses the response the browser started fetching while it parsed the page
    return fetch(this.mapUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(t("The map could not be loaded (HTTP {status}).",
                            { status: response.status }));
        }
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
    if (this.renderPeople) this.renderPeople();
    if (this.renderChanges) this.renderChanges();  // changes.js: since the last review
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

  /* The payload's label of a coded value (translated on the server), else the code. */
  function labelOf(items, key) {
    var found = (items || []).filter(function (item) { return item.key === key; })[0];
    return found ? found.label : key;
  }
  PowerMap.prototype.attitudeLabel = function (key) {
    return labelOf(this.payload.legend.attitudes, key);
  };
  PowerMap.prototype.leadLabel = function (key) {
    return labelOf(this.payload.legend.leads, key);
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
      lines.push(t("Influence {influence} · attitude {attitude}",
                   { influence: fmt(n.influence, 0), attitude: this.attitudeLabel(n.color_key) }));
    } else {
      lines.push(t("Not in this buying center"));
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
      title: t("Nobody fills this role yet"), hidden: false
    };
  };

  /* The vis id of the payload's i-th edge: its relationship id, else its place. */
  function edgeKey(e, i) {
    return e.id !== undefined && e.id !== null ? "r" + e.id : "e" + i;
  }

  PowerMap.prototype.visEdge = function (e, i) {
    var style = this.edgeStyles[e.type] || {};
    var count = this.payload.edges.length;
    // curves and dashes are costly to paint: a 5,000-edge map with dashes takes over a
    // second per frame in software rendering; big maps keep colour, width and arrows only
    return {
      id: edgeKey(e, i),
      from: e.from, to: e.to, relationship: e,
      arrows: style.arrows || "", dashes: count > 600 ? false : (style.dashes || false),
      color: { color: style.color, highlight: "#8e44ad", hover: "#8e44ad", opacity: 0.85 },
      width: (style.width || 1) + (style.width_per_strength || 0) * (e.strength || 1),
      smooth: count > 400 ? false : (style.smooth || false),
      title: this.edgeTitle(e, style),
      // the org chart draws a reporting line along its route (drawRoutes), not straight
      hidden: this.layout === "org" && Boolean(e.org_route)
    };
  };

  /* Every line on the org chart follows the server's route (powermap.layout.org_chart and
     org_routes): horizontal and vertical segments that pass through nobody else's box. The
     vis edge stays (hidden) so its look is kept: colour and width (which highlights change),
     dashes, and an arrowhead at the rim of the target's shape for directed types. */
  PowerMap.prototype.drawRoutes = function (ctx) {
    if (this.layout !== "org" || !this.payload) return;
    // as vis-network does with its own lines, big maps leave them out while dragged or zoomed
    var r = this.network && this.network.renderer;
    if (r && ((r.dragging && r.options.hideEdgesOnDrag) ||
              (r.zooming && r.options.hideEdgesOnZoom))) return;
    var self = this;
    this.payload.edges.forEach(function (e, i) {
      if (!e.org_route) return;
      var from = self.nodes.get(e.from), to = self.nodes.get(e.to);
      if (!from || !to || from.hidden || to.hidden) return;
      var edge = self.edges.get(edgeKey(e, i));
      if (!edge) return;
      var route = e.org_route;
      if (self.dragged !== null && self.dragged !== undefined &&
          (e.from === self.dragged || e.to === self.dragged)) {
        // a person being dragged takes their lines along, straight: the routes were made
        // for their place in the chart, where the drop puts them back (dragging.js)
        var at = self.network.getPositions([e.from, e.to]);
        route = [[at[e.from].x, at[e.from].y], [at[e.to].x, at[e.to].y]];
      }
      var colour = edge.color && edge.color.color ? edge.color.color
                                                                     : "#566573";
      if (self.hoveredLine === e && edge.color && edge.color.hover) colour = edge.color.hover;
      ctx.save();
      ctx.strokeStyle = ctx.fillStyle = colour;
      ctx.lineWidth = edge.width || 1.5;
      ctx.globalAlpha = 0.85;
      ctx.setLineDash(Array.isArray(edge.dashes) ? edge.dashes : edge.dashes ? [5, 5] : []);
      ctx.beginPath();
      route.forEach(function (p, k) {
        if (k) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]);
      });
      ctx.stroke();
      if (String(edge.arrows || "").indexOf("to") >= 0 && route.length > 1) {
        var a = route[route.length - 2], b = route[route.length - 1];
        var length = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
        var ux = (b[0] - a[0]) / length, uy = (b[1] - a[1]) / length;
        var reach = Math.min(to.size || 10, length), head = 8 + ctx.lineWidth;
        var tx = b[0] - ux * reach, ty = b[1] - uy * reach;
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx - ux * head - uy * head / 2, ty - uy * head + ux * head / 2);
        ctx.lineTo(tx - ux * head + uy * head / 2, ty - uy * head - ux * head / 2);
        ctx.closePath();
        ctx.fill();
      }
      ctx.restore();
    });
  };

  PowerMap.prototype.edgeTitle = function (e, style) {
    var values = { source: this.byId[e.from] ? this.byId[e.from].name : e.from,
                   relationship: style.label || e.type,
                   target: this.byId[e.to] ? this.byId[e.to].name : e.to, strength: e.strength };
    return e.type === "reports_to" ? t("{source} {relationship} {target}", values)
                                   : t("{source} {relationship} {target} (strength {strength})",
                                       values);
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
                     dragNodes: !this.readOnly,
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
    this.network.on("beforeDrawing", function (ctx) { self.drawRoutes(ctx); });
    window.addEventListener("beforeprint", function () { self.printFit(true); });
    window.addEventListener("afterprint", function () { self.printFit(false); });
    this.network.on("click", function (params) {
      if (self.pickTarget && params.nodes.length) {
        self.pickTarget(params.nodes[0]);
        return;
      }
      if (params.nodes.length) self.select(params.nodes[0]);
    });
    // dragging.js: a drop on the org chart may change a manager (live) or puts the person
    // back in their place; on the network a drop is kept (live)
    if (this.dropped) {
      this.network.on("dragStart", function (params) { self.dragStarted(params); });
      this.network.on("dragEnd", function (params) { self.dropped(params); });
    }
    if (this.watchLines) this.watchLines();  // line_tips.js: the org chart's line tooltips
    this.timings.created = performance.now();
    this.network.once("afterDrawing", function () { self.timings.drawn = performance.now(); });
  };

  /* Printing: the canvas takes the printed page's size (map.css, .pm-printing) and the
     whole map is fitted into it before the browser lays out the page; afterwards the
     screen's size and view come back. */
  PowerMap.prototype.printFit = function (printing) {
    if (!this.network) return;
    if (printing === this.root.classList.contains("pm-printing")) return;  // said twice
    if (printing) this.screenView = { scale: this.network.getScale(),
                                      position: this.network.getViewPosition() };
    this.root.classList.toggle("pm-printing", printing);
    this.network.setSize("100%", "100%");
    var network = this.network, view = this.screenView;
    if (printing || !view) {
      network.fit({ animation: false });
    } else {
      var back = function () {
        network.moveTo({ scale: view.scale, position: view.position, animation: false });
      };
      back();
      requestAnimationFrame(back);  // after vis-network's own resize handling
    }
    network.redraw();
    this.root.setAttribute("data-printing", printing ? "true" : "false");
  };

  // ------------------------------------------------------------------ filters, search, layout
  PowerMap.prototype.renderFilters = function () {
    var self = this;
    var legend = this.payload.legend;
    var departments = {};
    this.payload.nodes.forEach(function (n) { if (n.department) departments[n.department] = 1; });
    var competitors = (this.payload.competition || {}).competitors || [];
    function select(name, label, all, options) {
      var s = el("select", { className: "pm-filter", "data-filter": name, "aria-label": label,
        onchange: function () { self.filters[name] = this.value; self.applyFilters(); } },
        [option("", all)].concat(options.map(function (o) {
          return option(o[0], o[1], String(self.filters[name]) === String(o[0]));
        })));
      return s;
    }
    clear(this.filterBox);
    this.filterBox.appendChild(select("role", t("Role"), t("Role: all"),
      legend.roles.map(function (r) { return [r.key, r.label]; })));
    this.filterBox.appendChild(select("attitude", t("Attitude"), t("Attitude: all"),
      legend.attitudes.map(function (a) { return [a.key, a.label]; })));
    this.filterBox.appendChild(select("department", t("Department"), t("Department: all"),
      Object.keys(departments).sort(compareText).map(function (d) { return [d, d]; })));
    if (competitors.length) {
      this.filterBox.appendChild(select("competitor", t("Competitor"), t("Competitor: all"),
        competitors.map(function (c) {
          return [c.id, t("{competitor} covers", { competitor: c.name })];
        })));
    }
  };

  PowerMap.prototype.matchesFilters = function (n) {
    var f = this.filters;
    if (f.role && (n.roles || []).indexOf(f.role) < 0) return false;
    if (f.attitude && n.color_key !== f.attitude) return false;
    if (f.department && n.department !== f.department) return false;
    if (f.competitor) {
      var pos = (n.competitors || []).filter(function (c) {
        return String(c.id) === f.competitor; });
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
    this.searchCount.textContent = q ? t("{count} found", { count: hits.length }) : "";
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
    var org = this.layout === "org";
    var routed = [];
    this.payload.edges.forEach(function (e, i) {
      if (e.org_route) routed.push({ id: edgeKey(e, i), hidden: org });
    });
    this.edges.update(routed);
    this.network.fit({ animation: false });
    this.root.setAttribute("data-layout", this.layout);
  };

  PowerMap.el = el;
  PowerMap.t = t;
  PowerMap.date = date;
  PowerMap.number = number;
  PowerMap.clear = clear;
  PowerMap.fmt = fmt;
  PowerMap.signed = signed;
  PowerMap.option = option;
  PowerMap.personLabel = personLabel;
  PowerMap.byName = byName;
  PowerMap.compareText = compareText;
  window.PowerMap = PowerMap;
})();

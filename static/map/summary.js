/* powermap — the interactive power map, part 2: the summary above it and the legend under it.
 *
 * The summary shows the deal's health, forecast, net support and risk flags; the legend
 * explains colours, shapes, lines and borders. Both are rebuilt from the payload after
 * every load.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear, signed = PowerMap.signed;

  // ------------------------------------------------------------------ summary & legend
  /* The deal's health as a sentence; health is a code of powermap.analysis.risks. */
  function healthText(health) {
    if (health === "red") return t("Health: red");
    if (health === "amber") return t("Health: amber");
    if (health === "green") return t("Health: green");
    if (health === "unknown") return t("Health: unknown");
    return t("Health: {health}", { health: health });
  }

  /* Days left to the bid (summary.days_to_bid of the analysis), or "" without a bid date. */
  function bidText(days) {
    if (days === null || days === undefined) return "";
    if (days === 0) return t("Bid today");
    if (days === 1) return t("Bid tomorrow");
    if (days > 1) return t("Bid in {days} days", { days: days });
    return t("Bid date passed");
  }

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
                                             text: healthText(health) }));
    this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-kpi-forecast",
      text: t("Deal forecast {forecast}", { forecast: signed(forecast.deal) }) }));
    this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-kpi-support",
      text: t("Net support {support}", { support: signed(support.net_support) }) }));
    var bid = bidText(s.days_to_bid);
    this.root.setAttribute("data-days-to-bid", bid ? String(s.days_to_bid) : "");
    if (bid) {
      this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-kpi-bid" +
        (s.days_to_bid >= 0 && s.days_to_bid <= 30 ? " pm-kpi-urgent" : ""), text: bid }));
    }
    this.summaryBox.appendChild(el("span", { className: "pm-kpi",
      text: t("{members} in buying center · {people} people", {
        members: this.payload.nodes.filter(function (n) { return n.in_buying_center; }).length,
        people: this.payload.nodes.length }) }));
    if (flags.length) {
      var list = el("ul", { className: "pm-flags" });
      flags.slice(0, 6).forEach(function (f) {
        list.appendChild(el("li", { className: "pm-flag pm-sev-" + f.severity },
          [el("strong", { text: f.title }), f.message ? " — " + f.message : "",  // server text
           f.urgency ? el("em", { className: "pm-flag-urgency", text: " " + f.urgency }) : null]));
      });
      var details = el("details", { className: "pm-risks" },
        [el("summary", { text: flags.length === 1 ? t("1 risk flag") : t("{count} risk flags",
                                                                        { count: flags.length }) }),
         list]);
      this.summaryBox.appendChild(details);
    }
    if (opp.name) this.root.setAttribute("data-opportunity", opp.name);
  };

  /* A role's label; the English page adds the Chinese name beside it (the badge's word),
     a page whose label already is Chinese does not repeat it. */
  function roleName(r) {
    return r.label_zh && String(r.label).indexOf(r.label_zh) < 0 ? r.label + " " + r.label_zh
                                                                 : r.label;
  }
  PowerMap.roleName = roleName;

  PowerMap.prototype.renderLegend = function () {
    var legend = this.payload.legend;
    clear(this.legendBox);
    var attitudes = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: t("Attitude") })]);
    legend.attitudes.forEach(function (a) {
      attitudes.appendChild(el("li", {}, [
        el("span", { className: "pm-swatch" + (a.key === "unknown" ? " pm-swatch-unknown" : ""),
                     style: "background:" + a.color }), a.label]));
    });
    var roles = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: t("Role (shape · badge)") })]);
    legend.roles.forEach(function (r) {
      roles.appendChild(el("li", {}, [
        el("span", { className: "pm-shape pm-shape-" + r.shape, "aria-hidden": "true" }),
        r.badge + " " + roleName(r)]));
    });
    var edges = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: t("Relationship") })]);
    legend.edge_types.forEach(function (type) {
      edges.appendChild(el("li", {}, [
        el("span", { className: "pm-line pm-line-" + type.type,
                     style: "border-top-color:" + type.color }),
        type.label + (type.directed ? " →" : "")]));
    });
    var coverage = el("ul", { className: "pm-legend-group" },
      [el("li", { className: "pm-legend-title", text: t("Border = our best coverage") })]);
    legend.coverage.forEach(function (c) {
      coverage.appendChild(el("li", {}, [
        el("span", { className: "pm-swatch", style: "border-width:" + c.border + "px" }),
        c.value + " " + c.label]));
    });
    coverage.appendChild(el("li", {}, [
      el("span", { className: "pm-swatch pm-swatch-ghost" }), t("Role nobody fills yet")]));
    [attitudes, roles, edges, coverage].forEach(function (g) { this.legendBox.appendChild(g); },
                                                this);
  };
})();

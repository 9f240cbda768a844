/* powermap — the interactive power map, part 6: competitors.
 *
 * The "Competitors" tab: each competitor's strongholds and contested people, our blind
 * spots, and the competitor view that colours the map by who leads with each person.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, option = PowerMap.option;

  // ------------------------------------------------------------------ competitor view
  PowerMap.prototype.leadOf = function (n) {
    if (!this.competitorView || !n || !n.in_buying_center) return null;
    var cid = this.competitorView;
    var pos = (n.competitors || []).filter(function (c) { return String(c.id) === cid; })[0];
    return pos ? pos.lead : null;  // the analysis judges every member; the map never does
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
    var chooser = el("select", { className: "pm-competitor-view",
      "aria-label": t("Competitor view"),
      onchange: function () { self.colourByCompetitor(this.value); self.showTab("competition"); } },
      [option("", t("Colour by attitude"))].concat(competitors.map(function (c) {
        return option(c.id, t("Who leads vs {competitor}", { competitor: c.name }),
                      String(c.id) === self.competitorView); })));
    body.appendChild(el("label", {}, [t("View") + " ", chooser]));
    if (this.competitorView) {
      var keys = el("ul", { className: "pm-legend-group" });
      this.payload.legend.leads.forEach(function (l) {
        keys.appendChild(el("li", {}, [el("span", { className: "pm-swatch",
          style: "background:" + l.color }), l.label]));
      });
      body.appendChild(keys);
    }
    function people(title, ids, cls) {
      var box = el("div", { className: "pm-people " + cls }, [el("h4", { text: title })]);
      var list = el("ul", {});
      ids.forEach(function (id) { list.appendChild(el("li", {}, [self.personLink(id)])); });
      box.appendChild(list);
      return box;
    }
    competitors.forEach(function (c) {
      if (self.competitorView && String(c.id) !== self.competitorView) return;
      body.appendChild(el("h3", { text: c.share === null || c.share === undefined ? c.name
        : t("{competitor} — share {share}%", { competitor: c.name,
                                                 share: Math.round(c.share * 100) }) }));
      var strongholds = c.strongholds || [], contested = c.contested || [];
      body.appendChild(people(t("Strongholds ({count})", { count: strongholds.length }),
                              strongholds, "pm-strongholds"));
      body.appendChild(people(t("Contested ({count})", { count: contested.length }),
                              contested, "pm-contested"));
    });
    var blind = comp.blind_spots || [];
    body.appendChild(people(t("Blind spots: nobody covers ({count})", { count: blind.length }),
                            blind, "pm-blind-spots"));
    if (!competitors.length) {
      body.appendChild(el("p", { className: "pm-hint", text: t("No competitor in play.") }));
    }
  };
})();

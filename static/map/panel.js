/* powermap — the interactive power map, part 3: the side panel and the person in it.
 *
 * Three tabs (the person, allies to win, competitors); this file draws the tabs and the
 * "Person" tab: a person's scores, coverage, competitors, the analysis' reasons and
 * their relationships. On the live map it also places the edit forms of editing.js.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear, fmt = PowerMap.fmt,
      signed = PowerMap.signed, date = PowerMap.date;

  // ------------------------------------------------------------------ panel tabs
  PowerMap.prototype.renderTabs = function () {
    var self = this;
    var tabs = [["details", t("Person")], ["suggestions", t("Allies to win")],
                ["competition", t("Competitors")]];
    clear(this.tabs);
    tabs.forEach(function (tab) {
      self.tabs.appendChild(el("button", {
        type: "button", role: "tab",
        className: "pm-tab" + (self.tab === tab[0] ? " pm-active" : ""),
        "aria-selected": self.tab === tab[0] ? "true" : "false", "data-tab": tab[0], text: tab[1],
        onclick: function () { self.showTab(tab[0]); } }));
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

  function attitudeText(map, n) {
    if (n.attitude === null || n.attitude === undefined) return t("unknown");
    return (n.attitude > 0 ? "+" : "") + n.attitude + " " + map.attitudeLabel(n.color_key);
  }

  /* A quadrant of the influence × attitude grid (codes of powermap.analysis.grid). */
  function quadrantText(quadrant) {
    if (quadrant === "leverage") return t("Leverage");
    if (quadrant === "convert") return t("Convert");
    if (quadrant === "neutralise") return t("Neutralise");
    if (quadrant === "monitor") return t("Monitor");
    return quadrant || "—";
  }

  function forecastText(n) {
    if (n.forecast_attitude === undefined) return "—";
    if (n.attitude === null || n.attitude === undefined) {
      return t("{forecast} (today unknown)", { forecast: signed(n.forecast_attitude) });
    }
    return t("{forecast} (today {today})", { forecast: signed(n.forecast_attitude),
                                             today: signed(n.attitude) });
  }

  function verifiedText(n) {
    if (n.verified_at && n.verified_by) {
      return t("{date} by {person}", { date: date(n.verified_at), person: n.verified_by });
    }
    return date(n.verified_at) || n.verified_by || "—";
  }

  function coverageText(map, c) {
    var level = map.payload.legend.coverage.filter(function (k) {
      return k.value === c.strength; })[0];
    var values = { name: c.name || "#" + c.team_member_id,
                   strength: level ? c.strength + " " + level.label : c.strength,
                   date: date(c.last_contact) };
    if (c.owner && c.last_contact) {
      return t("{name}: {strength} (owner), last contact {date}", values);
    }
    if (c.owner) return t("{name}: {strength} (owner)", values);
    if (c.last_contact) return t("{name}: {strength}, last contact {date}", values);
    return t("{name}: {strength}", values);
  }

  PowerMap.prototype.renderDetails = function () {
    var body = this.panelBody;
    var n = this.byId[this.selected];
    if (!n) {
      body.appendChild(el("p", { className: "pm-hint",
        text: t("Click a person on the map to see their scores and why they matter.") }));
      if (this.live) body.appendChild(this.newPersonForm());
      return;
    }
    var self = this;
    var legend = this.payload.legend;
    var roleLabel = {};
    legend.roles.forEach(function (r) { roleLabel[r.key] = PowerMap.roleName(r); });
    var box = el("div", { className: "pm-details", "data-stakeholder": String(n.id) });
    if (String(n.id).indexOf("placeholder-") === 0) {
      box.appendChild(el("h3", { text: n.label }));
      box.appendChild(el("p", { text: t("Nobody fills this role yet. Find out who it is.") }));
      if (this.live) box.appendChild(this.assignForm(n));
      body.appendChild(box);
      return;
    }
    box.appendChild(el("h3", { className: "pm-name", text: n.name }));
    box.appendChild(el("p", { className: "pm-sub",
      text: [n.title, n.department, n.level ? t("level {level}", { level: n.level }) : null]
        .filter(Boolean).join(" · ") }));
    var table = el("table", { className: "pm-facts" });
    table.appendChild(row(t("Buying center"), n.in_buying_center ? t("yes") : t("no")));
    if (n.in_buying_center) {
      table.appendChild(row(t("Roles"), (n.roles || []).map(function (r) { return roleLabel[r]; })
        .join(t(", ")) || "—"));
      table.appendChild(row(t("Influence"), t("{influence} / 5",
                                              { influence: fmt(n.influence, 0) })));
      table.appendChild(row(t("Attitude"), attitudeText(this, n)));
      table.appendChild(row(t("Effective influence"), n.effective_influence));
      table.appendChild(row(t("Rank"), n.rank === undefined ? "—" : String(n.rank)));
      table.appendChild(row(t("Forecast attitude"), forecastText(n)));
      table.appendChild(row(t("Quadrant"), quadrantText(n.quadrant)));
      table.appendChild(row(t("Verified"), verifiedText(n)));
    }
    table.appendChild(row(t("Our best coverage"), String(n.coverage_best || 0)));
    box.appendChild(table);
    var changed = this.changeList ? this.changeList(n) : null;  // changes.js: since the review
    if (changed) box.appendChild(changed);
    if ((n.coverage || []).length) {
      var cov = el("ul", { className: "pm-coverage" });
      n.coverage.forEach(function (c) { cov.appendChild(el("li", { text: coverageText(self, c) })); });
      box.appendChild(el("h4", { text: t("Our relationships") }));
      box.appendChild(cov);
    }
    if ((n.competitors || []).length) {
      var comp = el("ul", { className: "pm-competitors" });
      n.competitors.forEach(function (c) {
        var values = { competitor: c.name, coverage: fmt(c.coverage, 0),
                       preference: fmt(c.preference, 0), lead: self.leadLabel(c.lead) };
        comp.appendChild(el("li", { text: c.lead
          ? t("{competitor}: coverage {coverage}, preference {preference} — {lead}", values)
          : t("{competitor}: coverage {coverage}, preference {preference}", values) }));
      });
      box.appendChild(el("h4", { text: t("Competitors") }));
      box.appendChild(comp);
    }
    if ((n.reasons || []).length) {
      var why = el("ul", { className: "pm-reasons" });
      n.reasons.forEach(function (r) { why.appendChild(el("li", { text: r })); });
      box.appendChild(el("h4", { text: t("Why") }));
      box.appendChild(why);
    }
    if (n.interests) box.appendChild(el("p", { className: "pm-interests", text: n.interests }));
    if (n.notes) box.appendChild(el("p", { className: "pm-notes", text: n.notes }));
    box.appendChild(this.relationshipList(n));
    if (this.live && n.entry_id) box.appendChild(this.editForm(n));
    else if (this.live) box.appendChild(this.joinForm(n));
    if (this.live) {
      box.appendChild(this.coverageEditor(n));
      var positions = this.positionEditor(n);
      if (positions) box.appendChild(positions);
      box.appendChild(this.personForm(n));
      box.appendChild(this.newPersonForm());
    }
    body.appendChild(box);
  };

  /* The person's relationships; on the live map each with Remove, and the form to add one.
     The list's own message line (.pm-form-error) says why a removal was refused. */
  PowerMap.prototype.relationshipList = function (n) {
    var self = this;
    var wrap = el("div", { className: "pm-relationships" }, [
      el("h4", { text: t("Relationships") }),
      this.live ? el("p", { className: "pm-form-error", role: "alert" }) : null]);
    var list = el("ul", {});
    this.payload.edges.forEach(function (e) {
      if (e.from !== n.id && e.to !== n.id) return;
      var other = e.from === n.id ? e.to : e.from;
      var style = self.edgeStyles[e.type] || {};
      var text = e.from === n.id ? style.label + " " : "← " + style.label + " ";
      var item = el("li", { "data-relationship": String(e.id) },
        [text, self.personLink(other),
         " " + t("(strength {strength})", { strength: e.strength })]);
      if (self.live && e.id !== undefined && e.id !== null) {
        var question = t("Remove the relationship “{type}” between {person} and {other}?",
                         { type: style.label, person: n.name,
                           other: (self.byId[other] || {}).name || "#" + other });
        item.appendChild(el("button", { type: "button", className: "pm-remove",
          text: t("Remove"), "aria-label": t("Remove relationship"),
          onclick: function () {
            self.confirmRemoval(wrap, this, question, function (yes) {
              return self.removeRelationship(wrap, yes, e.id, e.version);
            });
          } }));
      }
      list.appendChild(item);
    });
    if (!list.firstChild) {
      list.appendChild(el("li", { className: "pm-hint", text: t("None recorded.") }));
    }
    wrap.appendChild(list);
    if (this.live) wrap.appendChild(this.relationshipForm(n));
    return wrap;
  };
})();

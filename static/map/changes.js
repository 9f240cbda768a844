/* powermap — the interactive power map: what changed since the last review.
 *
 * The payload's "changes" (powermap.history.map_changes: the same comparison as the review
 * page's "Since the last review") names the people who changed since the last recorded
 * review, or since a date, with their marks and their previous values. Here they get an
 * orange halo and a dot on the map (explained in the legend), a line above the map says
 * what the map compares with, the Person tab lists what changed for the selected person
 * (changeList, placed by panel.js), and "Show the previous state" redraws the changed
 * people's attitude, influence, role shape and coverage border as they were, and back.
 * Without a review there are no changes and nothing of this is shown.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear, date = PowerMap.date,
      fmt = PowerMap.fmt;

  var HALO = "#e67e22";

  /* The changed people of the payload, by id (empty without changes). */
  function changedPeople(map) {
    var out = {};
    var changes = map.payload && map.payload.changes;
    ((changes && changes.people) || []).forEach(function (c) { out[c.id] = c; });
    return out;
  }

  /* A change mark (powermap.history.map_changes.MARKS) in words, for the people list. */
  function markText(mark) {
    if (mark === "joined") return t("joined the buying center");
    if (mark === "left") return t("left the buying center");
    if (mark === "roles") return t("roles changed");
    if (mark === "influence") return t("influence changed");
    if (mark === "attitude_up") return t("attitude up");
    if (mark === "attitude_down") return t("attitude down");
    if (mark === "attitude") return t("attitude changed");
    if (mark === "coverage_gained") return t("coverage gained");
    if (mark === "coverage_lost") return t("coverage lost");
    return mark;
  }

  /* A person's change marks since the last review, as codes and in words: {codes, text}
     (text a whole sentence a screen reader reads: "Changed: attitude down, coverage
     gained"), or null when the person did not change or the map compares with nothing. */
  PowerMap.prototype.changeMarks = function (id) {
    var change = changedPeople(this)[id];
    if (!change || !(change.marks || []).length) return null;
    var words = change.marks.map(markText).join(t(", "));
    return { codes: change.marks.slice(), text: t("Changed: {marks}", { marks: words }) };
  };

  /* What the map compares with, as a sentence: a recorded review or a date. */
  function sinceText(changes) {
    var since = changes.since || {};
    var count = (changes.people || []).length;
    var values = { count: count, name: since.name, date: date(since.at) };
    if (since.kind === "review") {
      if (!count) return t("Nothing changed since the review “{name}” of {date}.", values);
      if (count === 1) return t("1 person changed since the review “{name}” of {date}.", values);
      return t("{count} people changed since the review “{name}” of {date}.", values);
    }
    if (!count) return t("Nothing changed since {date}.", values);
    if (count === 1) return t("1 person changed since {date}.", values);
    return t("{count} people changed since {date}.", values);
  }

  PowerMap.prototype.renderChanges = function () {
    var self = this;
    var changes = this.payload.changes;
    var changed = changedPeople(this);
    if (!this.previousToggle) {
      this.previousBox = el("input", { type: "checkbox", className: "pm-previous-state",
        onchange: function () { self.showPrevious(this.checked); } });
      this.previousToggle = el("label", { className: "pm-previous", hidden: true },
                               [this.previousBox, " ", t("Show the previous state")]);
      this.toolbar.appendChild(this.previousToggle);
      this.network.on("afterDrawing", function (ctx) { self.drawChangeDots(ctx); });
    }
    this.previousToggle.hidden = !changes;
    if (!changes) this.previousBox.checked = false;
    // marks: a halo on everyone changed, none on anyone marked before and no longer changed
    var updates = [];
    Object.keys(this.markedIds || {}).forEach(function (id) {
      if (!changed[id] && self.nodes.get(self.markedIds[id])) {
        updates.push({ id: self.markedIds[id], shadow: { enabled: false } });
      }
    });
    this.markedIds = {};
    Object.keys(changed).forEach(function (id) {
      var n = self.byId[changed[id].id];
      if (!n) return;
      self.markedIds[id] = n.id;
      updates.push({ id: n.id, shadow: { enabled: true, color: HALO, size: 18, x: 0, y: 0 },
                     title: [self.tooltip(n), t("Changed since the last review")].join("\n") });
    });
    this.nodes.update(updates);
    this.root.setAttribute("data-changed-count", String(Object.keys(this.markedIds).length));
    if (changes) {
      this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-changes-since",
                                               text: sinceText(changes) }));
      var gone = (changes.gone || []).map(function (g) { return g.name || "#" + g.id; });
      if (gone.length) {
        this.summaryBox.appendChild(el("span", { className: "pm-kpi pm-changes-gone",
          text: t("No longer on the map: {names}.", { names: gone.join(t(", ")) }) }));
      }
    }
    this.renderChangesLegend(Boolean(changes));
    this.showPrevious(this.previousBox.checked);
  };

  /* A small orange dot at the top right of each changed person who is shown. */
  PowerMap.prototype.drawChangeDots = function (ctx) {
    var ids = Object.keys(this.markedIds || {}).map(function (k) { return this.markedIds[k]; },
                                                     this);
    if (!ids.length) return;
    var positions = this.network.getPositions(ids);
    var self = this;
    ids.forEach(function (id) {
      var node = self.nodes.get(id), at = positions[id];
      if (!node || node.hidden || !at) return;
      var offset = (node.size || 10) * 0.8;
      ctx.save();
      ctx.beginPath();
      ctx.arc(at.x + offset, at.y - offset, 6, 0, 2 * Math.PI);
      ctx.fillStyle = HALO;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = "#ffffff";
      ctx.stroke();
      ctx.restore();
    });
  };

  PowerMap.prototype.renderChangesLegend = function (shown) {
    if (this.changesLegend && this.changesLegend.parentNode) {
      this.changesLegend.parentNode.removeChild(this.changesLegend);
    }
    if (!shown) return;
    this.changesLegend = el("ul", { className: "pm-legend-group pm-legend-changes" }, [
      el("li", { className: "pm-legend-title", text: t("Since the last review") }),
      el("li", {}, [el("span", { className: "pm-swatch pm-swatch-changed" }),
                    t("Changed since the last review (orange halo and dot)")]),
      el("li", { text: t("“Show the previous state” draws them as they were then.") })]);
    this.legendBox.appendChild(this.changesLegend);
  };

  /* Draw the changed people as they were (on) or as they are (off). */
  PowerMap.prototype.showPrevious = function (on) {
    var self = this;
    var changed = changedPeople(this);
    on = Boolean(on) && Boolean(this.payload.changes);
    if (this.previousBox) this.previousBox.checked = on;
    var updates = [];
    Object.keys(changed).forEach(function (id) {
      var n = self.byId[changed[id].id];
      if (!n) return;
      var was = on ? changed[id].before || {} : null;
      var look = was ? { color_key: was.color_key } : n;
      var width = was ? was.border : n.border;
      updates.push({
        id: n.id, shape: was ? was.shape : n.shape, size: was ? was.size : n.size,
        borderWidth: width, borderWidthSelected: width + 2,
        color: self.nodeColor(look, !was && self.leadOf ? self.leadOf(n) : null),
        shapeProperties: { borderDashes: look.color_key === "unknown" ? [4, 3] : false }
      });
    });
    this.nodes.update(updates);
    this.root.setAttribute("data-previous-state", on ? "true" : "false");
  };

  // ------------------------------------------------------------------ the Person tab
  function attitudeText(map, value) {
    if (value === null || value === undefined) return map.attitudeLabel("unknown");
    var found = map.payload.legend.attitudes.filter(function (a) { return a.value === value; })[0];
    return (value > 0 ? "+" : "") + value + " " + (found ? found.label : "");
  }

  function coverageText(map, value) {
    var level = map.payload.legend.coverage.filter(function (k) {
      return k.value === (value || 0); })[0];
    return level ? (value || 0) + " " + level.label : String(value || 0);
  }

  function rolesText(map, roles) {
    var names = {};
    map.payload.legend.roles.forEach(function (r) { names[r.key] = r.label; });
    var list = (roles || []).map(function (r) { return names[r] || r; });
    return list.length ? list.join(t(", ")) : t("none");
  }

  /* What changed for one person, one sentence per change (null when nothing did). */
  PowerMap.prototype.changeList = function (n) {
    var self = this;
    var change = changedPeople(this)[n.id];
    if (!change) return null;
    var was = change.before || {};
    var since = this.payload.changes.since || {};
    var list = el("ul", {});
    function add(text) { list.appendChild(el("li", { text: text })); }
    change.marks.forEach(function (mark) {
      var attitude = { before: attitudeText(self, was.attitude),
                       after: attitudeText(self, n.attitude) };
      if (mark === "joined") add(t("Joined the buying center."));
      else if (mark === "left") add(t("Left the buying center."));
      else if (mark === "roles") {
        add(t("Roles changed from {before} to {after}.",
              { before: rolesText(self, was.roles), after: rolesText(self, n.roles) }));
      } else if (mark === "influence") {
        add(t("Influence changed from {before} to {after}.",
              { before: fmt(was.influence, 0), after: fmt(n.influence, 0) }));
      } else if (mark === "attitude_up") add(t("Attitude went up from {before} to {after}.",
                                                 attitude));
      else if (mark === "attitude_down") add(t("Attitude went down from {before} to {after}.",
                                                 attitude));
      else if (mark === "attitude") add(t("Attitude changed from {before} to {after}.",
                                          attitude));
    });
    (change.coverage || []).forEach(function (c) {
      var values = { member: c.team_member || "#" + c.team_member_id,
                     before: coverageText(self, c.before), after: coverageText(self, c.after) };
      add((c.after || 0) > (c.before || 0)
        ? t("Our coverage by {member} rose from {before} to {after}.", values)
        : t("Our coverage by {member} fell from {before} to {after}.", values));
    });
    return el("div", { className: "pm-changes" }, [
      el("h4", { text: since.kind === "review"
        ? t("Since the review “{name}” of {date}", { name: since.name, date: date(since.at) })
        : t("Since {date}", { date: date(since.at) }) }),
      list]);
  };
})();

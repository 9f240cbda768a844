/* powermap — the interactive power map, part 5: allies to win.
 *
 * The "Allies to win" tab lists the analysis' ally-expansion suggestions; picking one
 * highlights its introduction path on the map and lists its steps. On the live map each
 * can be planned as an action (POST …/plans: the server picks the owner and the due date
 * and updates the open action if the suggestion was planned before); a planned suggestion
 * says so: "Planned (owner, due date)".
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, fmt = PowerMap.fmt, signed = PowerMap.signed;
  var date = PowerMap.date;

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

  function suggestionMeta(s) {
    var values = { gain: signed(s.gain), success: fmt(s.success_probability),
                   path: (s.route || []).map(function (p) { return p.name || "#" + p.id; })
                     .join(" → ") };
    return values.path ? t("Gain {gain} · success {success} · path: {path}", values)
                       : t("Gain {gain} · success {success}", values);
  }

  /* "Planned (Sam, due 15 Nov 2026)": who does the planned action and by when. */
  function plannedText(planned) {
    var owner = planned.owner && planned.owner.name;
    var due = planned.due_date ? date(planned.due_date) : "";
    if (owner && due) return t("Planned ({owner}, due {due})", { owner: owner, due: due });
    if (owner) return t("Planned ({owner}, no due date)", { owner: owner });
    if (due) return t("Planned (no owner, due {due})", { due: due });
    return t("Planned (no owner, no due date)");
  }

  PowerMap.prototype.renderSuggestions = function () {
    var self = this;
    var body = this.panelBody;
    var items = this.payload.suggestions || [];
    if (!items.length) {
      body.appendChild(el("p", { className: "pm-hint",
        text: t("No suggestions: nobody left to win through a known path.") }));
      return;
    }
    var list = el("ol", { className: "pm-suggestions" });
    items.forEach(function (s, index) {
      var item = el("li", { className: "pm-suggestion", "data-index": String(index),
                            "data-stakeholder": String(s.stakeholder_id) }, [
        el("button", { type: "button", className: "pm-suggestion-pick",
          text: t("{person} — {activity}", { person: s.name || "#" + s.stakeholder_id,
                                             activity: s.activity_label || s.activity || "" }),
          onclick: function () {
            Array.prototype.forEach.call(list.children, function (li) {
              li.classList.remove("pm-active"); });
            item.classList.add("pm-active");
            self.highlightPath(s.path || []);
          } }),
        el("div", { className: "pm-suggestion-meta", text: suggestionMeta(s) }),
        s.summary ? el("div", { className: "pm-suggestion-summary", text: s.summary }) : null,
        (s.steps || []).length ? el("ol", { className: "pm-suggestion-steps" },
          s.steps.map(function (step) { return el("li", { text: step.text || "" }); })) : null,
        el("div", { className: "pm-suggestion-planned", role: "status",
                    text: s.planned ? plannedText(s.planned) : "" })
      ]);
      if (self.live) item.appendChild(self.planForm(s));
      list.appendChild(item);
    });
    body.appendChild(list);
  };

  /* Plan the suggested activity as an action (the map itself does not change). */
  PowerMap.prototype.planForm = function (s) {
    var self = this;
    var note = el("span", { className: "pm-action-result", role: "status" });
    var form = el("form", { className: "pm-plan-form" }, [
      el("button", { type: "submit", className: "pm-plan", text: t("Plan action") }), note,
      el("p", { className: "pm-form-error", role: "alert" })]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      note.textContent = "";
      self.submitForm({ method: "POST", form: form, reload: false,
        path: "/opportunities/" + self.payload.opportunity.id + "/plans",
        body: { stakeholder_id: s.stakeholder_id },
        saved: t("Action planned."),
        done: function (result) {
          var data = result.data || {}, action = data.action || {};
          var owner = (self.payload.team || []).filter(function (m) {
            return m.id === action.owner_id; })[0];
          s.planned = { action_id: action.id, status: action.status, due_date: action.due_date,
                        owner: owner ? { kind: "team_member", id: owner.id, name: owner.name }
                                     : null };
          note.textContent = data.created ? t("Planned (action #{id}).", { id: action.id })
                                          : t("Plan updated (action #{id}).", { id: action.id });
          var shown = form.parentNode && form.parentNode.querySelector(".pm-suggestion-planned");
          if (shown) shown.textContent = plannedText(s.planned);
        } });
    });
    return form;
  };
})();

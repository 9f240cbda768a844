/* powermap — the interactive power map, part 5: everything about a person, edited on the map.
 *
 * On the live map the Person tab edits what the account pages used to be needed for: the
 * person's own facts (title, department, e-mail, notes, personal interests), our coverage
 * of them (who, strength, last contact, owner), each competitor's position (coverage,
 * preference), and a new person with their manager. Every change goes through
 * submitForm() (editing.js); every removal asks first, naming what it removes
 * (confirmRemoval). The forms are plain <form>s: Tab moves between fields, Enter saves.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, option = PowerMap.option, byName = PowerMap.byName;

  function fieldError(field) {
    return el("span", { className: "pm-field-error", "data-field": field, role: "alert" });
  }
  function formError() { return el("p", { className: "pm-form-error", role: "alert" }); }
  function submitted(handler) {
    return function (event) { event.preventDefault(); handler(); };
  }
  function labelled(text, control) { return el("label", {}, [text + " ", control]); }
  function signedValue(value) { return (value > 0 ? "+" : "") + value; }
  function orNull(value) { return value === "" ? null : value; }

  /* The person's own facts: title, department, level, e-mail, notes, personal interests. */
  PowerMap.prototype.personForm = function (n) {
    var self = this;
    function input(name, value) {
      return el("input", { type: name === "email" ? "email" : "text", name: name,
                           value: value === null || value === undefined ? "" : value });
    }
    var title = input("title", n.title), department = input("department", n.department);
    var email = input("email", n.email);
    var level = el("input", { type: "number", name: "level", min: 1, max: 9,
                              value: n.level === undefined ? "" : n.level });
    var notes = el("textarea", { name: "notes", rows: 3 });
    notes.value = n.notes || "";
    var interests = el("textarea", { name: "interests", rows: 2 });
    interests.value = n.interests || "";
    var form = el("form", { className: "pm-person-form" }, [
      el("h4", { text: t("About this person") }),
      labelled(t("Title"), title), fieldError("title"),
      labelled(t("Department"), department), fieldError("department"),
      labelled(t("Level"), level), fieldError("level"),
      labelled(t("E-mail"), email), fieldError("email"),
      labelled(t("Personal interests"), interests), fieldError("interests"),
      labelled(t("Notes"), notes), fieldError("notes"),
      el("button", { type: "submit", text: t("Save") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      self.submitForm({ method: "PATCH", path: "/stakeholders/" + n.id, form: form,
        again: "form.pm-person-form", saved: t("Saved."),
        body: { title: orNull(title.value), department: orNull(department.value),
                level: level.value === "" ? null : Number(level.value),
                email: orNull(email.value), notes: orNull(notes.value),
                interests: orNull(interests.value), version: n.version } });
    }));
    return form;
  };

  function strengthSelect(map, name, chosen) {
    return el("select", { name: name }, map.payload.legend.coverage.map(function (k) {
      return option(k.value, k.value + " " + k.label, k.value === chosen); }));
  }

  /* Our coverage of the person: each team member's strength, last contact and whether they
     own the relationship, editable and removable; and a row to add one. */
  PowerMap.prototype.coverageEditor = function (n) {
    var self = this;
    var team = (this.payload.team || []).slice().sort(byName);
    var wrap = el("div", { className: "pm-coverage-editor" }, [
      el("h4", { text: t("Our coverage") }), formError()]);
    (n.coverage || []).forEach(function (c) {
      var strength = strengthSelect(self, "strength", c.strength);
      var last = el("input", { type: "date", name: "last_contact", value: c.last_contact || "" });
      var owner = el("input", { type: "checkbox", name: "owner", checked: c.owner || null });
      var who = c.name || "#" + c.team_member_id;
      var form = el("form", { className: "pm-coverage-row", "data-coverage": String(c.id) }, [
        el("strong", { text: who }), " ",
        labelled(t("Strength"), strength), fieldError("strength"),
        labelled(t("Last contact"), last), fieldError("last_contact"),
        el("label", {}, [owner, " " + t("Owner")]),
        el("button", { type: "submit", text: t("Save") }),
        el("button", { type: "button", className: "pm-remove", text: t("Remove"),
          "aria-label": t("Remove the coverage of {person} by {member}",
                          { person: n.name, member: who }),
          onclick: function () {
            self.confirmRemoval(form, this, t("Remove the coverage of {person} by {member}?",
                                              { person: n.name, member: who }), function (b) {
              return self.submitForm({ method: "DELETE", form: form, button: b,
                path: "/coverage/" + c.id + "?version=" + encodeURIComponent(c.version),
                saved: t("Coverage removed.") });
            });
          } }),
        formError()
      ]);
      form.addEventListener("submit", submitted(function () {
        self.submitForm({ method: "PATCH", path: "/coverage/" + c.id, form: form,
          saved: t("Saved."),
          body: { strength: Number(strength.value), last_contact: orNull(last.value),
                  owner: owner.checked, version: c.version } });
      }));
      wrap.appendChild(form);
    });
    var covered = {};
    (n.coverage || []).forEach(function (c) { covered[c.team_member_id] = true; });
    var free = team.filter(function (m) { return !covered[m.id]; });
    if (!free.length) return wrap;
    var member = el("select", { name: "team_member_id" }, [option("", t("— team member —"))]
      .concat(free.map(function (m) { return option(m.id, m.name); })));
    var strength = strengthSelect(this, "strength", 2);
    var last = el("input", { type: "date", name: "last_contact" });
    var owner = el("input", { type: "checkbox", name: "owner" });
    var add = el("form", { className: "pm-add-coverage" }, [
      labelled(t("Team member"), member), fieldError("team_member_id"),
      labelled(t("Strength"), strength), fieldError("strength"),
      labelled(t("Last contact"), last), fieldError("last_contact"),
      el("label", {}, [owner, " " + t("Owner")]),
      el("button", { type: "submit", text: t("Add coverage") }),
      formError()
    ]);
    add.addEventListener("submit", submitted(function () {
      self.submitForm({ method: "POST", path: "/coverage", form: add,
        again: "form.pm-add-coverage", saved: t("Coverage added."),
        body: { team_member_id: member.value ? Number(member.value) : null,
                stakeholder_id: n.id, strength: Number(strength.value),
                last_contact: orNull(last.value), owner: owner.checked } });
    }));
    wrap.appendChild(add);
    return wrap;
  };

  /* Each competitor in play: its coverage of the person and the person's preference. */
  PowerMap.prototype.positionEditor = function (n) {
    var self = this;
    var inPlay = ((this.payload.competition || {}).competitors || []);
    if (!inPlay.length) return null;
    var held = {};
    (n.competitors || []).forEach(function (c) { held[c.id] = c; });
    var wrap = el("div", { className: "pm-position-editor" }, [
      el("h4", { text: t("Competitor positions") })]);
    inPlay.forEach(function (comp) {
      var pos = held[comp.id] || {};
      var coverage = strengthSelect(self, "coverage",
                                    pos.coverage === undefined || pos.coverage === null
                                      ? 0 : pos.coverage);
      var preference = el("select", { name: "preference" }, [
        option("", t("unknown"), pos.preference === null || pos.preference === undefined)]
        .concat([-2, -1, 0, 1, 2].map(function (p) {
          return option(p, signedValue(p), p === pos.preference); })));
      var buttons = [el("button", { type: "submit", text: t("Save") })];
      var form = el("form", { className: "pm-position-row",
                              "data-competitor": String(comp.id) }, [
        el("strong", { text: comp.name }), " ",
        labelled(t("Coverage"), coverage), fieldError("coverage"),
        labelled(t("Preference"), preference), fieldError("preference")].concat(buttons));
      if (pos.position_id) {
        form.appendChild(el("button", { type: "button", className: "pm-remove",
          text: t("Remove"),
          "aria-label": t("Remove the position of {competitor} with {person}",
                          { competitor: comp.name, person: n.name }),
          onclick: function () {
            self.confirmRemoval(form, this, t("Remove the position of {competitor} with " +
                                              "{person}?", { competitor: comp.name,
                                                             person: n.name }), function (b) {
              return self.submitForm({ method: "DELETE", form: form, button: b,
                path: "/competitor-positions/" + pos.position_id + "?version=" +
                      encodeURIComponent(pos.position_version),
                saved: t("Position removed.") });
            });
          } }));
      }
      form.appendChild(formError());
      form.addEventListener("submit", submitted(function () {
        var body = { coverage: Number(coverage.value),
                     preference: preference.value === "" ? null : Number(preference.value) };
        if (pos.position_id) {
          body.version = pos.position_version;
          self.submitForm({ method: "PATCH", path: "/competitor-positions/" + pos.position_id,
                            form: form, body: body, saved: t("Saved.") });
        } else {
          body.competitor_id = comp.id;
          body.stakeholder_id = n.id;
          self.submitForm({ method: "POST", path: "/competitor-positions", form: form,
                            body: body, saved: t("Saved.") });
        }
      }));
      wrap.appendChild(form);
    });
    return wrap;
  };

  /* A new person at the account, with their manager (a reports-to relationship). The
     person is created first; if the manager cannot be linked the person stays and the
     form says so. */
  PowerMap.prototype.newPersonForm = function () {
    var self = this;
    var people = this.payload.nodes.slice().sort(byName);
    var name = el("input", { type: "text", name: "name", required: true });
    var title = el("input", { type: "text", name: "title" });
    var department = el("input", { type: "text", name: "department" });
    var manager = el("select", { name: "manager" }, [option("", t("— no manager —"))].concat(
      people.map(function (p) { return option(p.id, PowerMap.personLabel(p)); })));
    var form = el("form", { className: "pm-new-person" }, [
      el("h4", { text: t("New person") }),
      labelled(t("Name"), name), fieldError("name"),
      labelled(t("Title"), title), fieldError("title"),
      labelled(t("Department"), department), fieldError("department"),
      labelled(t("Reports to"), manager), fieldError("target_id"),
      el("button", { type: "submit", text: t("Add person") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      var account = self.payload.opportunity.account.id;
      var chosen = manager.value ? Number(manager.value) : null;
      self.submitForm({ method: "POST", path: "/stakeholders", form: form,
        again: "form.pm-new-person", saved: t("Person added."), reload: chosen === null,
        body: { account_id: account, name: name.value, title: orNull(title.value),
                department: orNull(department.value) },
        done: function (result) {
          self.selected = result.data.id;
          if (chosen === null) return;
          self.submitForm({ method: "POST", path: "/relationships", form: form,
            saved: t("Person added."),
            body: { source_id: result.data.id, target_id: chosen, type: "reports_to" } });
        } });
    }));
    return form;
  };
})();

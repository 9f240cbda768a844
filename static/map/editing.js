/* powermap — the interactive power map, part 4: editing on the live map.
 *
 * The forms of the detail panel (scores, roles, relationships, who fills a placeholder
 * role, joining the buying center) and removing a relationship. Every change goes through
 * submitForm(), the one place that talks to the JSON API for an edit and shows what came
 * of it next to the form: field problems (422), a record changed by someone else (409:
 * the map is reloaded, or a Reload button offered when that fails), refusals and network
 * errors. Only the live map (data-api-base set) builds these forms; the read-only export
 * never calls them.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear, option = PowerMap.option,
      byName = PowerMap.byName;

  // ------------------------------------------------------------------ talking to the API
  /* One request to the JSON API; resolves to {status, data} (data null without a body).
     An object body is sent as JSON, a FormData as a form body. The page's CSRF token
     (the root's data-csrf-token) goes along as X-CSRF-Token. */
  PowerMap.prototype.api = function (method, path, body) {
    var headers = { Accept: "application/json" };
    var token = this.root.getAttribute("data-csrf-token");
    if (token) headers["X-CSRF-Token"] = token;
    var sent = body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      sent = JSON.stringify(body);
    }
    return fetch(this.apiBase.replace(/\/$/, "") + path, {
      method: method, credentials: "same-origin", headers: headers, body: sent
    }).then(function (response) {
      if (response.status === 204) return { status: 204, data: null };
      return response.json().then(
        function (data) { return { status: response.status, data: data }; },
        function () { return { status: response.status, data: null }; });
    });
  };

  /* The message lines of a form: one per field (.pm-field-error[data-field]) and one for
     the form as a whole (.pm-form-error), all direct children of the form. */
  function fieldSlots(form) {
    return Array.prototype.slice.call(form.querySelectorAll(":scope > .pm-field-error"));
  }
  function generalSlot(form) { return form.querySelector(":scope > .pm-form-error"); }

  function clearMessages(form) {
    fieldSlots(form).forEach(function (slot) { slot.textContent = ""; });
    var general = generalSlot(form);
    if (general) {
      clear(general);
      general.classList.remove("pm-conflict");
    }
  }

  /* Write text in the form's own message line (or the map's status line if it has none). */
  PowerMap.prototype.tell = function (form, text, className) {
    var general = form && generalSlot(form);
    if (!general) {
      this.say(text, true);
      return this.status;
    }
    clear(general);
    general.appendChild(document.createTextNode(text));
    if (className) general.classList.add(className);
    return general;
  };

  /* 422: each problem beside its field; problems of fields the form does not show go to
     the form's message line as "field: reason". */
  function showProblems(map, form, problems) {
    var slots = fieldSlots(form);
    var rest = [];
    problems.forEach(function (p) {
      var slot = slots.filter(function (s) { return s.getAttribute("data-field") === p.field; })[0];
      if (slot) slot.textContent = p.reason;
      else rest.push(p.field ? t("{field}: {reason}", { field: p.field, reason: p.reason })
                             : p.reason);
    });
    if (rest.length) map.tell(form, rest.join(" "));
  }

  /* A button that loads the map again, for when an automatic reload failed. */
  PowerMap.prototype.reloadButton = function () {
    var self = this;
    return el("button", { type: "button", className: "pm-reload", text: t("Reload the map"),
      onclick: function () {
        var button = this;
        button.disabled = true;
        self.fetchPayload().then(function (payload) {
          if (payload) self.say(t("The map was reloaded."));
          else button.disabled = false;
        });
      } });
  };

  /* Send one edit and show its outcome next to the form it came from.

     request: {method, path, body, form, button, again, saved, conflict, done, reload}
       form     the element holding the message lines (usually the <form>)
       button   what to disable while the request is pending (default: form's submit button)
       again    selector of the same form once the map is redrawn (for the 409 message)
       saved    status-line text on success
       conflict the 409 text when the map was reloaded (default: a generic sentence)
       done     called with the result on success
       reload   false to keep the map as it is after a success (default: reload it)
     Resolves when everything the outcome needs (a reload) is done. */
  PowerMap.prototype.submitForm = function (request) {
    var self = this;
    var form = request.form;
    var button = request.button || form.querySelector("button[type=submit]");
    clearMessages(form);
    if (button) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    this.say(t("Saving…"));
    function settle() {
      if (button) button.disabled = false;
      form.removeAttribute("aria-busy");
    }
    return this.api(request.method, request.path, request.body).then(function (result) {
      settle();
      var data = result.data || {};
      if (result.status >= 200 && result.status < 300) {
        self.say(request.saved || t("Saved."));
        if (request.done) request.done(result);
        return request.reload === false ? result : self.fetchPayload().then(function () {
          return result;
        });
      }
      if (result.status === 409) return self.conflict(request).then(function () { return result; });
      if (result.status === 422 && data.problems) {
        showProblems(self, form, data.problems);
        self.say(t("Not saved: see the messages next to the form."), true);
        return result;
      }
      var refused = data.message || t("The server refused this change (HTTP {status}).",
                                      { status: result.status });
      self.tell(form, refused);
      self.say(refused, true);
      return result;
    }, function () {
      settle();
      var text = t("The server could not be reached, so nothing was saved. " +
                   "Check the connection and try again.");
      self.tell(form, text);
      self.say(text, true);
      return null;
    });
  };

  /* 409: someone else changed the record since the map was loaded. Reload the map, then
     say so beside the redrawn form; if the reload fails, say that and offer a Reload
     button instead. */
  PowerMap.prototype.conflict = function (request) {
    var self = this;
    return this.fetchPayload().then(function (payload) {
      var target = request.again ? self.panelBody.querySelector(request.again) : null;
      if (!target && request.form.isConnected) target = request.form;
      if (payload) {
        var text = request.conflict || t("Someone else changed this record in the meantime, " +
          "so nothing was saved. The map was reloaded with their changes; check them and " +
          "try again.");
        self.tell(target, text, "pm-conflict");
        self.say(text, true);
        return;
      }
      var failed = t("Someone else changed this record in the meantime, so nothing was " +
                     "saved. The map could not be reloaded; reload it to see their changes.");
      self.tell(target, failed, "pm-conflict").appendChild(self.reloadButton());
      if (target) self.say(failed, true);
    });
  };

  // ------------------------------------------------------------------ the forms
  function fieldError(field) {
    return el("span", { className: "pm-field-error", "data-field": field, role: "alert" });
  }
  function formError() { return el("p", { className: "pm-form-error", role: "alert" }); }
  function submitted(handler) {
    return function (event) { event.preventDefault(); handler(); };
  }

  /* A buying-center member's scores and roles. */
  PowerMap.prototype.editForm = function (n) {
    var self = this;
    var legend = this.payload.legend;
    var influence = el("select", { name: "influence" }, legend.influence.map(function (i) {
      return option(i.value, i.value + " " + i.label, i.value === n.influence); }));
    var attitude = el("select", { name: "attitude" }, [option("", t("unknown"),
      n.attitude === null || n.attitude === undefined)].concat(
      legend.attitudes.filter(function (a) { return a.value !== null; }).map(function (a) {
        return option(a.value, (a.value > 0 ? "+" : "") + a.value + " " + a.label,
                      a.value === n.attitude); })));
    var roles = el("fieldset", { className: "pm-roles" }, [el("legend", { text: t("Roles") })]);
    legend.roles.forEach(function (r) {
      roles.appendChild(el("label", {}, [el("input", { type: "checkbox", name: "roles",
        value: r.key, checked: (n.roles || []).indexOf(r.key) >= 0 ? "checked" : null }),
        " " + r.label]));
    });
    var form = el("form", { className: "pm-edit", "data-entry": String(n.entry_id) }, [
      el("h4", { text: t("Edit scores") }),
      el("label", {}, [t("Influence") + " ", influence]), fieldError("influence"),
      el("label", {}, [t("Attitude") + " ", attitude]), fieldError("attitude"),
      roles, fieldError("roles"),
      el("button", { type: "submit", className: "pm-save", text: t("Save") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      var chosen = Array.prototype.filter.call(form.querySelectorAll('input[name="roles"]'),
        function (c) { return c.checked; }).map(function (c) { return c.value; });
      self.submitForm({ method: "PATCH", path: "/buying-center/" + n.entry_id, form: form,
        again: "form.pm-edit", saved: t("Saved."),
        body: { influence: Number(influence.value),
                attitude: attitude.value === "" ? null : Number(attitude.value),
                roles: chosen, version: n.entry_version } });
    }));
    return form;
  };

  /* A placeholder role: name the person who fills it (someone outside the buying center). */
  PowerMap.prototype.assignForm = function (ghost) {
    var self = this;
    var people = this.payload.nodes.filter(function (p) { return !p.in_buying_center; })
      .sort(byName);
    var who = el("select", { name: "stakeholder_id" }, [option("", t("— person —"))].concat(
      people.map(function (p) { return option(p.id, PowerMap.personLabel(p)); })));
    var form = el("form", { className: "pm-join pm-assign" }, [
      el("h4", { text: t("Who is it?") }), who, fieldError("stakeholder_id"),
      el("button", { type: "submit", text: t("Assign") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      var chosen = who.value ? Number(who.value) : null;
      self.submitForm({ method: "PATCH", path: "/buying-center/" + ghost.entry_id, form: form,
        again: "form.pm-assign", saved: t("Role assigned."),
        body: { stakeholder_id: chosen, placeholder: null, version: ghost.entry_version },
        done: function () { self.selected = chosen; } });
    }));
    return form;
  };

  /* A person outside this opportunity's buying center: add them with a role. */
  PowerMap.prototype.joinForm = function (n) {
    var self = this;
    var role = el("select", { name: "roles" }, this.payload.legend.roles.map(function (r) {
      return option(r.key, r.label, r.key === "influencer"); }));
    var form = el("form", { className: "pm-join" }, [
      el("h4", { text: t("Add to the buying center") }), role, fieldError("roles"),
      el("button", { type: "submit", text: t("Add") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      self.submitForm({ method: "POST", path: "/buying-center", form: form, again: "form.pm-join",
        saved: t("Added to the buying center."),
        body: { opportunity_id: self.payload.opportunity.id, stakeholder_id: n.id,
                roles: [role.value] } });
    }));
    return form;
  };

  /* A new relationship from this person to someone picked in the list or on the map. */
  PowerMap.prototype.relationshipForm = function (n) {
    var self = this;
    var kinds = this.payload.legend.edge_types;
    var type = el("select", { name: "type" }, kinds.map(function (e) {
      return option(e.type, e.label); }));
    var people = this.payload.nodes.filter(function (p) { return p.id !== n.id; }).sort(byName);
    var target = el("select", { name: "target_id" }, [option("", t("— person —"))].concat(
      people.map(function (p) { return option(p.id, PowerMap.personLabel(p)); })));
    var strength = el("select", { name: "strength" },
      this.payload.legend.relationship_strength.map(function (s) {
        return option(s, t("strength {value}", { value: s }), s === kinds[0].default_strength);
      }));
    // every type keeps the strength picked; choosing a type starts from its usual strength
    type.addEventListener("change", function () {
      var kind = kinds.filter(function (e) { return e.type === type.value; })[0];
      if (kind) strength.value = String(kind.default_strength);
    });
    var pick = el("button", { type: "button", className: "pm-pick", text: t("Pick on map"),
      onclick: function () {
        self.say(t("Click the other person on the map."));
        self.pickTarget = function (id) {
          self.pickTarget = null;
          if (self.byId[id] && typeof id === "number") target.value = String(id);
          self.say("");
        };
      } });
    var form = el("form", { className: "pm-add-relationship" }, [
      el("h4", { text: t("Add relationship") }),
      el("span", { text: n.name + " " }), type, fieldError("type"),
      target, pick, fieldError("target_id"), strength, fieldError("strength"),
      el("button", { type: "submit", text: t("Add") }),
      formError()
    ]);
    form.addEventListener("submit", submitted(function () {
      var body = { source_id: n.id, target_id: target.value ? Number(target.value) : null,
                   type: type.value, strength: Number(strength.value) };
      self.submitForm({ method: "POST", path: "/relationships", form: form, body: body,
                        again: "form.pm-add-relationship", saved: t("Relationship added.") });
    }));
    return form;
  };

  /* Ask before a removal: beside the Remove button, the question naming what goes, with
     "Yes, remove" and "Cancel" (focus starts on Cancel, so Enter never removes by
     accident). action(yesButton) removes; Cancel puts the Remove button back. */
  PowerMap.prototype.confirmRemoval = function (holder, button, question, action) {
    var yes = el("button", { type: "button", className: "pm-confirm-yes", text: t("Yes, remove") });
    var no = el("button", { type: "button", className: "pm-confirm-no", text: t("Cancel") });
    var box = el("span", { className: "pm-confirm", role: "group", "aria-label": question },
                 [el("span", { className: "pm-confirm-question", text: question }), " ", yes,
                  " ", no]);
    button.hidden = true;
    button.parentNode.insertBefore(box, button.nextSibling);
    yes.addEventListener("click", function () { action(yes); });
    no.addEventListener("click", function () {
      box.parentNode.removeChild(box);
      button.hidden = false;
      button.focus();
    });
    no.focus();
    return box;
  };

  /* Remove a relationship; with its version, so one changed meanwhile is refused (409).
     list is the person's relationship list, whose message line tells the outcome. */
  PowerMap.prototype.removeRelationship = function (list, button, id, version) {
    var path = "/relationships/" + id;
    if (typeof version === "number") path += "?version=" + encodeURIComponent(version);
    return this.submitForm({ method: "DELETE", path: path, form: list, button: button,
      again: ".pm-relationships", saved: t("Relationship removed."),
      conflict: t("Someone else changed this relationship in the meantime, so nothing was " +
                  "removed. The map was reloaded with their changes; check it and remove it " +
                  "again if you still want to.") });
  };
})();

/* powermap — the interactive power map, part 6: direct manipulation on the live map.
 *
 * Org chart: drop a person onto another to make that one their manager. The map asks
 * first, naming both ("Make B the manager of A?"), and refuses a drop that would close a
 * reporting loop (B already reports to A, directly or through others); the server checks
 * the same rule. Network layout: where a person is dropped is kept for this opportunity
 * (PUT …/positions), so reloads, the export and print draw them there.
 * Anything else dropped on the org chart (on empty space, a placeholder, anyone on the
 * read-only map or the export) goes back to its place: the chart is laid out, and its
 * routed lines lead to where people stand in it.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear;

  /* The person the dragged node was dropped on: the other node whose box holds its centre. */
  PowerMap.prototype.dropTarget = function (id) {
    var centre = this.network.getPositions([id])[id];
    var self = this;
    var found = null;
    this.payload.nodes.forEach(function (n) {
      if (found !== null || n.id === id || self.nodes.get(n.id) === null) return;
      var box = self.network.getBoundingBox(n.id);
      if (box && centre.x >= box.left && centre.x <= box.right && centre.y >= box.top &&
          centre.y <= box.bottom) found = n.id;
    });
    return found;
  };

  /* The reports-to edge from a person (their manager), if any. */
  PowerMap.prototype.managerEdge = function (id) {
    return this.payload.edges.filter(function (e) {
      return e.from === id && e.type === "reports_to"; })[0] || null;
  };

  /* Whether `other` reports to `id`, directly or through others. */
  PowerMap.prototype.reportsTo = function (other, id) {
    var seen = {};
    var current = other;
    while (current !== null && current !== undefined && !seen[current]) {
      if (current === id) return true;
      seen[current] = true;
      var edge = this.managerEdge(current);
      current = edge ? edge.to : null;
    }
    return false;
  };

  /* Put a node back where the current layout draws it. */
  PowerMap.prototype.snapBack = function (id) {
    var n = this.byId[id];
    if (!n) return;
    var pos = this.position(n);
    this.nodes.update({ id: id, x: pos.x, y: pos.y });
  };

  /* Who is being dragged (drawRoutes draws their lines straight to them meanwhile). */
  PowerMap.prototype.dragStarted = function (params) {
    var id = params.nodes && params.nodes.length === 1 ? params.nodes[0] : null;
    this.dragged = id !== null && this.byId[id] ? id : null;
  };

  /* The end of a drag. The org chart is laid out, not free-form: a drop there changes a
     manager (live, onto a person, asked first) and otherwise puts whoever was dragged back
     in their place. On the network layout a dropped person stays (kept on the live map). */
  PowerMap.prototype.dropped = function (params) {
    this.dragged = null;
    if (!params.nodes || params.nodes.length !== 1) return;
    var id = params.nodes[0];
    if (!this.byId[id]) return;
    var person = typeof id === "number";
    if (this.layout === "network") {
      if (this.live && person) this.keepPosition(id);
    } else if (this.live && person) {
      this.dropOnto(id, this.dropTarget(id));
    } else {
      this.snapBack(id);
    }
  };

  /* The network layout: keep where the person was dropped. */
  PowerMap.prototype.keepPosition = function (id) {
    var self = this;
    var pos = this.network.getPositions([id])[id];
    var x = Math.round(pos.x), y = Math.round(pos.y);
    return this.api("PUT", "/opportunities/" + this.payload.opportunity.id + "/positions",
                    { positions: [{ stakeholder_id: id, x: x, y: y }] }).then(function (result) {
      if (result.status === 200) {
        self.byId[id].net = [x, y];
        self.say(t("Position kept."));
      } else {
        self.say((result.data && result.data.message) ||
                 t("The position could not be kept (HTTP {status}).",
                   { status: result.status }), true);
      }
    }, function () {
      self.say(t("The server could not be reached, so the position was not kept."), true);
    });
  };

  /* The org chart: a drop onto another person offers to make them the manager. */
  PowerMap.prototype.dropOnto = function (id, target) {
    var self = this;
    var person = this.byId[id];
    if (target === null) {
      this.snapBack(id);
      return;
    }
    var manager = this.byId[target];
    var current = this.managerEdge(id);
    this.snapBack(id);
    if (current && current.to === target) {
      this.say(t("{manager} is already the manager of {person}.",
                 { manager: manager.name, person: person.name }));
      return;
    }
    if (this.reportsTo(target, id)) {
      this.say(t("{manager} cannot be the manager of {person}: {manager} already reports to " +
                 "{person}, directly or through others.",
                 { manager: manager.name, person: person.name }), true);
      return;
    }
    this.ask(t("Make {manager} the manager of {person}?",
               { manager: manager.name, person: person.name }), t("Change manager"),
      function (box, yes) {
        var request = current
          ? { method: "PATCH", path: "/relationships/" + current.id,
              body: { target_id: target, version: current.version } }
          : { method: "POST", path: "/relationships",
              body: { source_id: id, target_id: target, type: "reports_to" } };
        request.form = box;
        request.button = yes;
        request.saved = t("{manager} is now the manager of {person}.",
                          { manager: manager.name, person: person.name });
        return self.submitForm(request).then(function (result) {
          if (result && result.status >= 200 && result.status < 300) self.closeAsk();
        });
      });
  };

  /* A question above the map with a button that acts and Cancel (focused first). */
  PowerMap.prototype.ask = function (question, action, onYes) {
    var self = this;
    this.closeAsk();
    var yes = el("button", { type: "button", className: "pm-ask-yes", text: action });
    var no = el("button", { type: "button", className: "pm-ask-no", text: t("Cancel"),
                            onclick: function () { self.closeAsk(); } });
    var box = el("div", { className: "pm-ask", role: "group", "aria-label": question }, [
      el("span", { className: "pm-ask-question", text: question }), " ", yes, " ", no,
      el("p", { className: "pm-form-error", role: "alert" })]);
    yes.addEventListener("click", function () { onYes(box, yes); });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") self.closeAsk(); });
    this.askBox = box;
    this.toolbar.parentNode.insertBefore(box, this.toolbar.nextSibling);
    no.focus();
    return box;
  };

  PowerMap.prototype.closeAsk = function () {
    if (this.askBox && this.askBox.parentNode) {
      clear(this.askBox);
      this.askBox.parentNode.removeChild(this.askBox);
    }
    this.askBox = null;
  };
})();

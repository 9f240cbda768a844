/* powermap — the interactive power map, part 7: the people beside the canvas, for the keyboard.
 *
 * A searchable list of every person on the map (name, department and title, in the reader's
 * name order), at the top of the side panel so the canvas keeps its width. Typing filters it; arrow keys move through it; Enter (or a click) opens the
 * person in the side panel and moves the focus there, so the whole map can be read and
 * edited without a mouse: the panel's forms are plain forms (Tab, Enter).
 *
 * When the map compares with a review (changes.js), each changed person's entry says in
 * words what changed ("Changed: attitude down", read by screen readers, not a colour
 * only; the codes are in its data-marks), and "Changed only" narrows the list to them.
 */
(function () {
  "use strict";

  var PowerMap = window.PowerMap;
  var el = PowerMap.el, t = PowerMap.t, clear = PowerMap.clear, byName = PowerMap.byName;

  PowerMap.prototype.renderPeople = function () {
    var self = this;
    if (!this.peopleBox) {
      this.peopleFilter = el("input", { type: "search", className: "pm-people-filter",
        placeholder: t("Find a person"), "aria-label": t("Find a person"),
        oninput: function () { self.filterPeople(); },
        onkeydown: function (e) {
          if (e.key === "ArrowDown") {
            var first = self.peopleList.querySelector("li:not([hidden]) button");
            if (first) { first.focus(); e.preventDefault(); }
          } else if (e.key === "Enter") {
            var only = self.peopleList.querySelectorAll("li:not([hidden]) button");
            if (only.length) { only[0].click(); e.preventDefault(); }
          }
        } });
      this.peopleList = el("ul", { className: "pm-people-list", "aria-label": t("People") });
      this.peopleList.addEventListener("keydown", function (e) {
        if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
        var buttons = Array.prototype.filter.call(self.peopleList.querySelectorAll("button"),
          function (b) { return !b.parentNode.hidden; });
        var at = buttons.indexOf(document.activeElement);
        var next = buttons[at + (e.key === "ArrowDown" ? 1 : -1)];
        if (next) next.focus();
        else if (e.key === "ArrowUp") self.peopleFilter.focus();
        e.preventDefault();
      });
      this.peopleChangedBox = el("input", { type: "checkbox", className: "pm-people-changed",
        onchange: function () { self.filterPeople(); } });
      this.peopleChanged = el("label", { className: "pm-people-changed-only", hidden: true },
                              [this.peopleChangedBox, " ", t("Changed only")]);
      this.peopleBox = el("nav", { className: "pm-people", "aria-label": t("People") },
                          [this.peopleFilter, this.peopleChanged, this.peopleList]);
      this.panel.insertBefore(this.peopleBox, this.panel.firstChild);
    }
    clear(this.peopleList);
    this.payload.nodes.slice().sort(byName).forEach(function (n) {
      var label = PowerMap.personLabel(n);
      var marks = self.changeMarks ? self.changeMarks(n.id) : null;
      self.peopleList.appendChild(el("li", {
        "data-search": label.toLowerCase(), "data-marks": marks ? marks.codes.join(" ") : null,
        className: marks ? "pm-people-changed-person" : null }, [
        el("button", { type: "button", className: "pm-people-item", "data-person": String(n.id),
                       onclick: function () { self.openPerson(n.id); } }, [
          el("span", { className: "pm-people-name", text: label }),
          marks ? el("span", { className: "pm-people-marks", text: marks.text }) : null])]));
    });
    // "Changed only" is offered while the map compares with a review
    this.peopleChanged.hidden = !this.payload.changes;
    if (!this.payload.changes) this.peopleChangedBox.checked = false;
    this.filterPeople();
  };

  /* Show the entries matching the typed text and, with "Changed only", the changed ones. */
  PowerMap.prototype.filterPeople = function () {
    var query = this.peopleFilter.value.trim().toLowerCase();
    var changedOnly = this.peopleChangedBox.checked;
    Array.prototype.forEach.call(this.peopleList.children, function (li) {
      li.hidden = (Boolean(query) && li.getAttribute("data-search").indexOf(query) < 0) ||
                  (changedOnly && !li.hasAttribute("data-marks"));
    });
  };

  /* Open a person in the panel and move the focus to their name there. */
  PowerMap.prototype.openPerson = function (id) {
    this.network.focus(id, { scale: 1.1, animation: false });
    this.select(id);
    var name = this.panelBody.querySelector(".pm-name");
    if (name) {
      name.setAttribute("tabindex", "-1");
      name.focus();
    }
  };
})();

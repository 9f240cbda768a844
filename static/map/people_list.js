/* powermap — the interactive power map, part 7: the people beside the canvas, for the keyboard.
 *
 * A searchable list of every person on the map (name, department and title, in the reader's
 * name order), at the top of the side panel so the canvas keeps its width. Typing filters it; arrow keys move through it; Enter (or a click) opens the
 * person in the side panel and moves the focus there, so the whole map can be read and
 * edited without a mouse: the panel's forms are plain forms (Tab, Enter).
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
            var first = self.peopleList.querySelector("button:not([hidden])");
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
      this.peopleBox = el("nav", { className: "pm-people", "aria-label": t("People") },
                          [this.peopleFilter, this.peopleList]);
      this.panel.insertBefore(this.peopleBox, this.panel.firstChild);
    }
    clear(this.peopleList);
    this.payload.nodes.slice().sort(byName).forEach(function (n) {
      var label = PowerMap.personLabel(n);
      self.peopleList.appendChild(el("li", { "data-search": label.toLowerCase() }, [
        el("button", { type: "button", className: "pm-people-item", "data-person": String(n.id),
                       text: label, onclick: function () { self.openPerson(n.id); } })]));
    });
    this.filterPeople();
  };

  PowerMap.prototype.filterPeople = function () {
    var query = this.peopleFilter.value.trim().toLowerCase();
    Array.prototype.forEach.call(this.peopleList.children, function (li) {
      li.hidden = Boolean(query) && li.getAttribute("data-search").indexOf(query) < 0;
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

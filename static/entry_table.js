/* powermap — the table editor's sheets (templates/entry_table.html).
 *
 * Spreadsheet manners for each sheet, a plain form: arrow keys move between cells (left
 * and right once the caret is at the edge of the text), a block of cells pasted from
 * Excel (tab-separated rows) fills the grid from the cell it is pasted into, adding rows
 * as needed; "More rows" adds ten empty rows; naming a competitor adds its preference
 * column; marking a row for deletion asks first, naming the record from its cells.
 * Saving is the form's own submit: one request, all or nothing. Every text a person reads
 * comes from the page (data-heading, data-cell-label, data-delete-question), translated.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("[data-entry-table]"), sheet);

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function sheet(form) {
    var body = form.querySelector("tbody");
    var head = form.querySelector("thead tr");
    var rowsField = form.querySelector("input[name=rows]");
    function cell(row, col) {
      return form.querySelector("input[data-row='" + row + "'][data-col='" + col + "']");
    }
    function columnKeys() {
      var first = body.querySelector("tr");
      return Array.prototype.map.call(first.querySelectorAll("input[data-col]"), function (i) {
        return i.name.replace(/^r\d+-/, "");
      });
    }
    function headings() {
      var ths = head.querySelectorAll("th");
      return Array.prototype.slice.call(ths, 1, columnKeys().length + 1).map(function (th) {
        return th.textContent;
      });
    }
    function makeInput(row, col, key) {
      var input = document.createElement("input");
      input.type = key === "last_contact" ? "date" : "text";
      input.name = "r" + row + "-" + key;
      input.setAttribute("data-row", String(row));
      input.setAttribute("data-col", String(col));
      var suggest = cell(0, col);
      if (suggest && suggest.getAttribute("list")) {
        input.setAttribute("list", suggest.getAttribute("list"));
      }
      input.setAttribute("aria-label", fill(form.getAttribute("data-cell-label"),
                                            { row: row + 1, column: headings()[col] || key }));
      return input;
    }

    function addRows(count) {
      var keys = columnKeys();
      for (var n = 0; n < count; n++) {
        var row = Number(rowsField.value);
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = String(row + 1);
        tr.appendChild(th);
        keys.forEach(function (key, col) {
          var td = document.createElement("td");
          td.appendChild(makeInput(row, col, key));
          tr.appendChild(td);
        });
        if (form.hasAttribute("data-delete-question")) {
          var box = document.createElement("td");
          box.setAttribute("data-delete-column", "");
          tr.appendChild(box);
        }
        body.appendChild(tr);
        rowsField.value = String(row + 1);
      }
    }

    function move(input, dRow, dCol) {
      var next = cell(Number(input.getAttribute("data-row")) + dRow,
                      Number(input.getAttribute("data-col")) + dCol);
      if (next) {
        next.focus();
        if (next.select) next.select();
        return true;
      }
      return false;
    }

    form.addEventListener("keydown", function (event) {
      var input = event.target;
      if (!input.hasAttribute || !input.hasAttribute("data-row")) return;
      var atStart = input.type !== "text" || input.selectionStart === 0 && input.selectionEnd === 0;
      var atEnd = input.type !== "text" || input.selectionStart === input.value.length;
      var moved = false;
      if (event.key === "ArrowDown") moved = move(input, 1, 0);
      else if (event.key === "ArrowUp") moved = move(input, -1, 0);
      else if (event.key === "ArrowLeft" && atStart) moved = move(input, 0, -1);
      else if (event.key === "ArrowRight" && atEnd) moved = move(input, 0, 1);
      if (moved) event.preventDefault();
    });

    /* A block from Excel: rows separated by line breaks, cells by tabs. */
    form.addEventListener("paste", function (event) {
      var input = event.target;
      if (!input.hasAttribute || !input.hasAttribute("data-row")) return;
      var text = (event.clipboardData || window.clipboardData).getData("text");
      if (text.indexOf("\t") < 0 && text.indexOf("\n") < 0) return;
      event.preventDefault();
      var lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
      var top = Number(input.getAttribute("data-row"));
      var left = Number(input.getAttribute("data-col"));
      var missing = top + lines.length - Number(rowsField.value);
      if (missing > 0) addRows(missing);
      lines.forEach(function (line, r) {
        line.split("\t").forEach(function (value, c) {
          var target = cell(top + r, left + c);
          if (target) target.value = value.trim();
        });
      });
    });

    var more = form.querySelector("[data-more-rows]");
    if (more) more.addEventListener("click", function () { addRows(10); });

    /* Naming a competitor adds its column (renaming it renames the column). */
    var newCompetitor = form.querySelector("[data-new-competitor]");
    var added = null;
    function addColumn() {
      var name = newCompetitor.value.trim();
      if (!name) return;
      var key = "preference:" + name;
      if (added) {
        added.th.textContent = fill(form.getAttribute("data-heading"), { name: name });
        added.inputs.forEach(function (input) {
          input.name = input.name.replace(/^(r\d+-).*$/, "$1" + key);
        });
        return;
      }
      var col = columnKeys().length;
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = fill(form.getAttribute("data-heading"), { name: name });
      /* The new column goes before the Delete column, where a row's cells end. */
      head.insertBefore(th, head.querySelector("[data-delete-column]"));
      var inputs = [];
      Array.prototype.forEach.call(body.querySelectorAll("tr"), function (tr, row) {
        var td = document.createElement("td");
        var input = makeInput(row, col, key);
        inputs.push(input);
        td.appendChild(input);
        tr.insertBefore(td, tr.querySelector("[data-delete-column]"));
      });
      added = { th: th, inputs: inputs };
    }
    /* Marking a row for deletion asks first, naming what goes from the row's own cells. */
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.hasAttribute || !box.hasAttribute("data-delete-row")) return;
      var tr = box.closest("tr");
      if (box.checked) {
        var values = {};
        Array.prototype.forEach.call(tr.querySelectorAll("input[data-col]"), function (input) {
          values[input.name.replace(/^r\d+-/, "")] = input.value;
        });
        if (!window.confirm(fill(form.getAttribute("data-delete-question"), values))) {
          box.checked = false;
        }
      }
      tr.classList.toggle("row-deleted", box.checked);
    });

    if (newCompetitor) {
      newCompetitor.addEventListener("change", addColumn);
      newCompetitor.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          addColumn();
        }
      });
    }
  }
})();

// Small helps on every page; each page works without them.
// 1. After a form was sent, focus moves to the message the page shows (success or error), so a screen reader reads
//    it and the keyboard continues from there rather than from the top of the page.
// 2. Tables: each cell gets its column's header as data-label, which the narrow-screen layout shows before the
//    cell. (Chromium and Firefox keep a table's semantics under display: block, so no roles are added: an explicit
//    role="table" would make axe-core refuse the links some captions hold.)
// 3. Browsers without ::details-content cannot show a closed <details>: there the menu is opened on wide screens.
(function () {
  "use strict";

  function focusMessage() {
    var message = document.querySelector("main .flash, main .error-message");
    if (!message) { return; }
    if (!message.hasAttribute("tabindex")) { message.setAttribute("tabindex", "-1"); }
    message.focus();
  }

  function labelTable(table) {
    var headers = [];
    var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) { return; }
    Array.prototype.forEach.call(head.cells, function (cell) {
      for (var span = 0; span < (cell.colSpan || 1); span += 1) { headers.push(cell.textContent.trim()); }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && headers[column]) {
            cell.setAttribute("data-label", headers[column]);
          }
          column += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("labelled");
  }

  function openMenuOnWideScreens() {
    var menu = document.querySelector(".nav-menu");
    if (!menu || (window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) { return; }
    var wide = window.matchMedia("(min-width: 48em)");
    if (wide.matches) { menu.open = true; }
  }

  Array.prototype.forEach.call(document.querySelectorAll("main table"), labelTable);
  openMenuOnWideScreens();
  focusMessage();
}());

// Keeps the tally of the vote screen current: polls its JSON address every few seconds and updates the counts
// (announced politely to screen readers). Without JavaScript the page offers a refresh link instead.
// When the vote has been closed, the page reloads to show the result.
(function () {
  "use strict";
  var section = document.getElementById("tally");
  if (!section || section.getAttribute("data-status") !== "open") { return; }
  var url = section.getAttribute("data-tally-url");
  var note = document.getElementById("tally-note");
  var fields = ["yes", "no", "abstain", "not_voted", "quorum_met", "adopted_if_closed_now"];
  var every = 5000;

  function show(field, value) {
    var cell = section.querySelector('[data-field="' + field + '"]');
    if (!cell) { return; }
    var text = typeof value === "boolean" ? cell.getAttribute(value ? "data-yes" : "data-no") : String(value);
    if (cell.textContent !== text) { cell.textContent = text; }
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (tally) {
        if (tally.status !== "open") { window.location.reload(); return; }
        fields.forEach(function (field) { show(field, tally[field]); });
        window.setTimeout(refresh, every);
      })
      .catch(function () {
        // Stop polling; the refresh link still works.
        if (note) { note.hidden = true; }
      });
  }

  if (note) { note.hidden = false; }
  window.setTimeout(refresh, every);
}());

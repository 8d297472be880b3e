// The report's inline style sheet and script. Both are constants: no data is ever written into
// them, so nothing in the fact base can become code. The script reads the tables it is given.

export const REPORT_CSS = `
:root { --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #fff; --head: #f9fafb; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header.top { position: sticky; top: 0; z-index: 2; background: #fffffff2; border-bottom: 1px solid var(--line); padding: 10px 24px; }
header.top h1 { font-size: 20px; margin: 0 0 2px; }
header.top .summary { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
.search { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
#q { font: inherit; padding: 6px 10px; width: min(420px, 100%); border: 1px solid #9ca3af; border-radius: 6px; }
#status { color: var(--muted); font-size: 13px; }
nav { margin-top: 6px; font-size: 13px; }
nav a { margin-right: 10px; color: var(--accent); text-decoration: none; white-space: nowrap; }
main { padding: 0 24px 48px; }
section { margin-top: 28px; }
h2 { font-size: 17px; margin: 0 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h2 .shown { font-weight: normal; color: var(--muted); font-size: 13px; margin-left: 8px; }
.scroll { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
table.data thead th { background: var(--head); white-space: nowrap; }
table.data th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
table.data th[aria-sort="ascending"] button::after { content: " ▲"; font-size: 10px; }
table.data th[aria-sort="descending"] button::after { content: " ▼"; font-size: 10px; }
table.data tbody tr:nth-child(even) { background: #fcfcfd; }
table.data tbody tr:target { background: #fef9c3; }
tr[hidden] { display: none; }
a { color: var(--accent); }
a.name { font-weight: 600; text-decoration: none; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
code.id { color: var(--muted); }
.aliases, .desc { color: #374151; font-size: 12px; margin: 2px 0 0; max-width: 36em; }
ul.claims { margin: 0; padding-left: 16px; min-width: 28em; }
ul.claims > li { margin-bottom: 4px; }
.prop { font-weight: 600; }
.val { background: #eef2ff; padding: 0 3px; border-radius: 3px; }
.when, .note, .rank { color: var(--muted); }
li.deprecated { opacity: 0.6; }
ul.cites { margin: 2px 0 0; padding-left: 14px; list-style: "“ "; color: #374151; font-size: 12px; }
ul.cites q { quotes: none; font-style: italic; }
.url { word-break: break-all; font-size: 12px; color: #374151; }
.class-contradiction { color: #b91c1c; font-weight: 600; }
.class-refinement, .class-change, .class-basis { color: #b45309; }
.empty { color: var(--muted); font-style: italic; }
figure.graph { margin: 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
svg.graph { display: block; max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
svg.graph .col { text-anchor: middle; font-weight: 600; fill: var(--muted); }
svg.graph .edge path { fill: none; stroke: #9ca3af; stroke-width: 1; opacity: 0.7; }
svg.graph .edge:hover path { stroke: var(--accent); stroke-width: 2; opacity: 1; }
svg.graph .edge-label { fill: #4b5563; font-size: 10px; text-anchor: middle; }
svg.graph .node text { fill: var(--fg); }
svg.graph .node:hover rect { stroke-width: 2; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
`;

/**
 * Filtering: every word typed must occur in a row's text (any case); rows that do not match get
 * the \`hidden\` attribute, across every table at once. The box starts from \`#q=TEXT\` in the
 * address and keeps it up to date, so a filtered view can be linked to. Sorting: a click on a
 * column heading sorts by it (numbers as numbers), a second click reverses.
 */
export const REPORT_JS = `
(function () {
  'use strict';
  var box = document.getElementById('q');
  var status = document.getElementById('status');
  var tables = Array.prototype.slice.call(document.querySelectorAll('table.data'));
  var texts = new Map();
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tBodies[0].rows, function (row) { texts.set(row, row.textContent.toLowerCase()); });
  });
  function apply() {
    var terms = box.value.toLowerCase().split(/\\s+/).filter(function (w) { return w !== ''; });
    var shown = 0, all = 0;
    tables.forEach(function (t) {
      var n = 0, rows = t.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var text = texts.get(row);
        var ok = terms.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) n++;
      });
      shown += n; all += rows.length;
      var counter = document.querySelector('[data-count-for="' + t.id + '"]');
      if (counter) counter.textContent = terms.length === 0 ? rows.length + ' rows' : n + ' of ' + rows.length + ' rows';
    });
    status.textContent = terms.length === 0 ? all + ' rows' : shown + ' of ' + all + ' rows match';
  }
  function fromHash() {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (!m) return false;
    var v = m[1].replace(/\\+/g, ' ');
    try { v = decodeURIComponent(v); } catch (e) { /* keep it as typed */ }
    box.value = v;
    return true;
  }
  box.addEventListener('input', function () {
    apply();
    try { history.replaceState(null, '', box.value === '' ? location.pathname + location.search : '#q=' + encodeURIComponent(box.value)); } catch (e) { /* file: URLs may refuse */ }
  });
  window.addEventListener('hashchange', function () { if (fromHash()) apply(); });
  function key(row, i) {
    var cell = row.cells[i];
    if (!cell) return '';
    return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
  }
  var number = /^-?\\d+(\\.\\d+)?$/;
  tables.forEach(function (t) {
    var heads = Array.prototype.slice.call(t.tHead.rows[0].cells);
    heads.forEach(function (th, i) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = t.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, i), y = key(b, i);
          var c = number.test(x) && number.test(y) ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' });
          return c * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  fromHash();
  apply();
})();
`;

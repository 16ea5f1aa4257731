// The organiser's timetable: one row per stand table, one column per slot, each cell
// naming the supplier met there. Reads GET /events/{id}/timetable with the organiser's
// token. Filters (by stand, by supplier) highlight or restrict the grid and are kept
// in the query string, so a filtered view can be bookmarked or printed; ?refresh=N
// reloads the grid when a re-plan stores a new schedule version.
'use strict';

(() => {
  const {el, get, param, showError, setState, fold, formatDate} = Standmatch;
  const eventId = param('event');
  let timetable = null;
  let supplierNames = new Map();  // supplier id -> name

  function renderHeader(doc) {
    const name = doc.event && doc.event.name ? doc.event.name : eventId;
    document.getElementById('event-name').textContent = name;
    document.title = name + ' — grille des rendez-vous';
    document.getElementById('event-meta').textContent =
        [formatDate(doc.event && doc.event.date), 'planning version ' + doc.version]
            .filter(Boolean).join(' · ');
  }

  function fillSelect(select, items, selected) {
    for (const item of items) {
      select.appendChild(el('option', {value: item.id, selected: item.id === selected},
                            item.name ? item.name + ' (' + item.id + ')' : item.id));
    }
  }

  // Builds the grid: a <tbody data-stand> per stand, one <tr> per table.
  function renderGrid(doc) {
    const head = document.getElementById('grid-head');
    head.appendChild(el('th', {scope: 'col', class: 'corner'}, 'Stand'));
    head.appendChild(el('th', {scope: 'col', class: 'table-no'}, 'Table'));
    let previousEnd = null;
    for (const slot of doc.slots) {
      const gap = previousEnd !== null && slot.start !== previousEnd;
      head.appendChild(el('th', {scope: 'col', class: gap ? 'slot after-gap' : 'slot',
                                 'data-slot': slot.index,
                                 title: gap ? 'après une pause' : null},
                          el('span', {class: 'start'}, slot.start),
                          el('span', {class: 'end'}, slot.end)));
      previousEnd = slot.end;
    }
    const slotColumn = new Map(doc.slots.map((slot, column) => [slot.index, column]));
    const gapColumns = new Set();
    previousEnd = null;
    doc.slots.forEach((slot, column) => {
      if (previousEnd !== null && slot.start !== previousEnd) gapColumns.add(column);
      previousEnd = slot.end;
    });

    // cells[stand id][table - 1][column] = <td>
    const cells = new Map();
    const grid = document.getElementById('grid');
    for (const stand of doc.stands) {
      const tables = Math.max(1, stand.tables | 0);
      const body = el('tbody', {class: 'stand', 'data-stand': stand.id});
      const rows = [];
      for (let t = 1; t <= tables; ++t) {
        const row = el('tr', {'data-stand': stand.id, 'data-table': t});
        if (t === 1) {
          row.appendChild(el('th', {scope: 'rowgroup', rowspan: tables, class: 'stand-name'},
                             stand.name || stand.id,
                             stand.buyer ? el('span', {class: 'buyer'}, stand.buyer) : null));
        }
        row.appendChild(el('th', {scope: 'row', class: 'table-no'}, String(t)));
        const line = [];
        doc.slots.forEach((slot, column) => {
          const cell = el('td', {class: gapColumns.has(column) ? 'cell empty after-gap' : 'cell empty',
                                 'data-stand': stand.id, 'data-table': t, 'data-slot': slot.index});
          row.appendChild(cell);
          line.push(cell);
        });
        rows.push(line);
        body.appendChild(row);
      }
      cells.set(stand.id, rows);
      grid.appendChild(body);
    }

    let outside = 0;
    for (const meeting of doc.meetings) {
      const rows = cells.get(meeting.stand);
      const column = slotColumn.get(meeting.slot);
      const line = rows && rows[(meeting.table | 0) - 1];
      if (!line || column === undefined) {
        ++outside;
        continue;
      }
      const cell = line[column];
      const name = supplierNames.get(meeting.supplier) || meeting.supplier;
      const score = typeof meeting.score === 'number' ? meeting.score.toFixed(2) : '';
      if (cell.hasAttribute('data-supplier')) {
        // Two meetings at one table in one slot: show both, flag the cell.
        cell.setAttribute('data-supplier', cell.getAttribute('data-supplier') + ' ' + meeting.supplier);
        cell.classList.add('conflict');
        cell.appendChild(document.createTextNode(' / ' + name));
        continue;
      }
      cell.classList.remove('empty');
      cell.classList.add('meeting');
      cell.setAttribute('data-supplier', meeting.supplier);
      cell.title = name + ' (' + meeting.supplier + ')' + (score ? ', score ' + score : '');
      const href = '/ui/supplier.html?event=' + encodeURIComponent(eventId) +
                   '&supplier=' + encodeURIComponent(meeting.supplier);
      cell.appendChild(el('a', {href, class: 'keep-token supplier-link'}, name));
      // Attendance once recorded by a re-plan: held or no_show.
      if (meeting.status && meeting.status !== 'planned') {
        cell.setAttribute('data-status', meeting.status);
        cell.appendChild(el('span', {class: 'status'}, meeting.status === 'held' ? ' ✓ tenu' : ' absent'));
      }
    }
    if (outside > 0) {
      showError('error', new Error(outside + ' rendez-vous hors de la grille (stand, table ou créneau inconnu)'));
    }
    grid.hidden = false;
  }

  // The suppliers the filters select, or null when no supplier filter is active.
  function selectedSuppliers() {
    const chosen = document.getElementById('supplier-filter').value;
    const query = fold(document.getElementById('supplier-search').value.trim());
    if (!chosen && !query) return null;
    const selected = new Set();
    for (const [id, name] of supplierNames) {
      if (chosen && id !== chosen) continue;
      if (query && !fold(name).includes(query) && !fold(id).includes(query)) continue;
      selected.add(id);
    }
    return selected;
  }

  function selectedText(id) {
    const select = document.getElementById(id);
    return select.options[select.selectedIndex].textContent;
  }

  function applyFilters() {
    const stand = document.getElementById('stand-filter').value;
    const suppliers = selectedSuppliers();
    const onlyMatching = document.getElementById('only-matching').checked;
    let shown = 0;
    for (const body of document.querySelectorAll('#grid tbody.stand')) {
      let matches = 0;
      for (const cell of body.querySelectorAll('td.meeting')) {
        const hit = suppliers !== null &&
                    cell.getAttribute('data-supplier').split(' ').some((id) => suppliers.has(id));
        cell.classList.toggle('highlight', hit);
        cell.classList.toggle('dim', suppliers !== null && !hit);
        if (hit) ++matches;
      }
      const visible = (!stand || body.getAttribute('data-stand') === stand) &&
                      !(onlyMatching && suppliers !== null && matches === 0);
      body.hidden = !visible;
      if (visible) shown += suppliers === null ? body.querySelectorAll('td.meeting').length : matches;
    }
    const total = timetable.meetings.length;
    const summary = document.getElementById('summary');
    const filters = [];
    if (stand) filters.push('stand : ' + selectedText('stand-filter'));
    if (document.getElementById('supplier-filter').value) {
      filters.push('fournisseur : ' + selectedText('supplier-filter'));
    }
    const search = document.getElementById('supplier-search').value.trim();
    if (search) filters.push('recherche : « ' + search + ' »');
    summary.textContent = filters.length > 0
        ? shown + ' rendez-vous sélectionnés sur ' + total + ' (' + filters.join(' ; ') + ')'
        : total + ' rendez-vous · ' + timetable.stands.length + ' stands · ' +
          timetable.suppliers.length + ' fournisseurs · ' + timetable.slots.length + ' créneaux';
    summary.hidden = false;

    // Keep the filters in the query string (never the token, which stays in the fragment).
    const query = new URLSearchParams(location.search);
    const set = (key, value) => (value ? query.set(key, value) : query.delete(key));
    set('stand', stand);
    set('supplier', document.getElementById('supplier-filter').value);
    set('q', document.getElementById('supplier-search').value.trim());
    history.replaceState(null, '', location.pathname + '?' + query.toString() + location.hash);
  }

  // Shows DOC (a timetable document), keeping the filters as they are.
  function show(doc) {
    timetable = doc;
    supplierNames = new Map(doc.suppliers.map((s) => [s.id, s.name || s.id]));
    document.getElementById('error').hidden = true;
    document.getElementById('grid-head').replaceChildren();
    for (const body of document.querySelectorAll('#grid tbody.stand')) body.remove();
    const standSelect = document.getElementById('stand-filter');
    const supplierSelect = document.getElementById('supplier-filter');
    const stand = standSelect.value || param('stand');
    const supplier = supplierSelect.value || param('supplier');
    standSelect.length = 1;
    supplierSelect.length = 1;
    fillSelect(standSelect, doc.stands, stand);
    fillSelect(supplierSelect,
               [...doc.suppliers].sort((a, b) => fold(a.name || a.id).localeCompare(fold(b.name || b.id))),
               supplier);
    renderHeader(doc);
    renderGrid(doc);
    document.getElementById('grid').setAttribute('data-version', doc.version);
    applyFilters();
  }

  // With ?refresh=SECONDS, fetches the timetable again every SECONDS and shows it when
  // a new schedule version (a re-plan) has been stored: for a screen at the venue.
  function keepFresh(path) {
    const seconds = parseInt(param('refresh', '0'), 10);
    if (!(seconds >= 1)) return;
    setInterval(async () => {
      try {
        const doc = await get(path);
        if (doc.version !== timetable.version) show(doc);
        else document.getElementById('error').hidden = true;
      } catch (error) {
        showError('error', error, 'no schedule yet');  // the last grid stays
      }
    }, seconds * 1000);
  }

  async function main() {
    if (!eventId) {
      showError('error', new Error('aucun évènement : ajoutez ?event=ID à l\'adresse'));
      setState('error');
      return;
    }
    const path = '/events/' + encodeURIComponent(eventId) + '/timetable';
    let doc;
    try {
      doc = await get(path);
    } catch (error) {
      showError('error', error, 'no schedule yet');
      setState('error');
      return;
    }
    document.getElementById('supplier-search').value = param('q');
    show(doc);
    for (const id of ['stand-filter', 'supplier-filter', 'only-matching']) {
      document.getElementById(id).addEventListener('change', applyFilters);
    }
    document.getElementById('supplier-search').addEventListener('input', applyFilters);
    document.getElementById('print').addEventListener('click', () => window.print());
    document.getElementById('controls').hidden = false;
    keepFresh(path);
    setState('ready');
  }

  main();
})();

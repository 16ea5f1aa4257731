// The organiser's console for the forum day (console.html?event=ID#token=...): the
// check-in desk. One click marks a supplier arrived, late (from a time), absent or
// withdrawn; a form adds a walk-in; a stand can lose a table or close early. Each
// action becomes a change of standmatch.changes/1 (docs/changes.md); Preview posts them
// to POST /events/{id}/replan?preview=1 and shows the diff and the warnings; Publish
// posts them to POST /events/{id}/replan, which writes the new schedule version.
// Input the day cannot take (an unknown supplier, a time outside the sessions, a
// walk-in the server refuses) is reported and changes nothing.
'use strict';

(() => {
  const {el, get, send, param, showError, setState, ApiError, describe, fold, formatDate, withToken} = Standmatch;
  const eventId = param('event');
  const base = '/events/' + encodeURIComponent(eventId);
  const $ = (id) => document.getElementById(id);

  let event = null;        // the event file (latest revision)
  let schedule = null;     // the latest schedule
  let versions = [];       // GET /schedules
  const pending = new Map();  // key ("supplier:f001", "stand:x", "walk:f900") -> {label, change}
  const arrived = new Set();  // suppliers marked arrived (nothing to change)
  let previewed = false;

  // ---- time ----------------------------------------------------------------------
  const toMinutes = (hhmm) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm || '');
    return m ? (+m[1]) * 60 + (+m[2]) : null;
  };
  const pad = (n) => String(n).padStart(2, '0');
  const clockNow = () => {
    const d = new Date();
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  };
  function dayBounds() {
    const sessions = (event.event && event.event.sessions) || [];
    const starts = sessions.map((s) => toMinutes(s.start)).filter((x) => x !== null);
    const ends = sessions.map((s) => toMinutes(s.end)).filter((x) => x !== null);
    return {start: Math.min(...starts), end: Math.max(...ends),
            text: sessions.map((s) => s.start + '–' + s.end).join(', ')};
  }
  // HH:MM when TEXT is a time within the day, else throws a message for people.
  function dayTime(text, what) {
    const minutes = toMinutes(text);
    const day = dayBounds();
    if (minutes === null) throw new Error(what + ' : « ' + (text || '') + ' » n\'est pas une heure (HH:MM).');
    if (minutes < day.start || minutes > day.end)
      throw new Error(what + ' : ' + text + ' est hors de la journée (' + day.text + ').');
    return pad(Math.floor(minutes / 60)) + ':' + pad(minutes % 60);
  }
  const nowText = () => $('now').value;

  // ---- messages --------------------------------------------------------------------
  function notice(text) {
    $('error').hidden = true;
    $('notice').textContent = text;
    $('notice').hidden = !text;
  }
  function refuse(message) {
    const box = $('error');
    box.textContent = message + ' Rien n\'a été changé.';
    box.setAttribute('data-status', 'refused');
    box.hidden = false;
    $('notice').hidden = true;
  }
  const apiMessage = (error) =>
      error instanceof ApiError && error.status === 400 ? 'Refusé : ' + error.message + '.' : describe(error);

  // ---- the lists -------------------------------------------------------------------
  const supplierName = (id) => {
    const s = (event.suppliers || []).find((x) => x.id === id);
    const walk = pending.get('walk:' + id);
    return s ? s.name : walk ? walk.change.supplier.name : id;
  };
  const standName = (id) => {
    const t = (event.stands || []).find((x) => x.id === id);
    return t ? t.title : id;
  };
  function meetingsOf(kind, id) {
    return (schedule ? schedule.meetings : []).filter((m) => m[kind] === id)
        .sort((a, b) => a.slot - b.slot);
  }
  function stateLabel(key, id) {
    if (pending.has(key)) return pending.get(key).label;
    if (key.startsWith('supplier:') && arrived.has(id)) return 'arrivé';
    return '';
  }

  function supplierRow(s) {
    const key = 'supplier:' + s.id;
    const meetings = meetingsOf('supplier', s.id);
    const next = meetings.map((m) => m.start + (m.status === 'no_show' ? ' (absent)' : '')).join(', ');
    const late = el('input', {type: 'time', class: 'late-time', 'aria-label': 'en retard à partir de',
                              value: nowText()});
    const button = (label, action, cls) =>
        el('button', {type: 'button', class: cls || 'secondary', 'data-action': action}, label);
    const row = el('li', {class: 'person', 'data-supplier': s.id, 'data-state': stateLabel(key, s.id) || 'none'},
                   el('div', {class: 'who'}, el('strong', null, s.name), ' ', el('span', {class: 'meta'}, s.id),
                      el('span', {class: 'state'}, stateLabel(key, s.id))),
                   el('div', {class: 'meta'}, meetings.length ? 'Rendez-vous : ' + next : 'Aucun rendez-vous'),
                   el('div', {class: 'actions'}, button('Arrivé', 'arrived'), button('Absent', 'no_show'),
                      button('Retiré', 'cancel_supplier'),
                      el('span', {class: 'late'}, button('En retard', 'late'), late)));
    row.addEventListener('click', (ev) => {
      const b = ev.target.closest('button');
      if (!b) return;
      try {
        supplierAction(s.id, b.getAttribute('data-action'), late.value);
      } catch (e) {
        refuse(e.message);
      }
    });
    return row;
  }

  function standRow(t) {
    const key = 'stand:' + t.id;
    const close = el('input', {type: 'time', class: 'close-time', 'aria-label': 'ferme à'});
    const tables = t.tables || 1;
    const row = el('li', {class: 'person', 'data-stand': t.id, 'data-state': stateLabel(key, t.id) || 'none'},
                   el('div', {class: 'who'}, el('strong', null, t.title), ' ', el('span', {class: 'meta'}, t.id),
                      el('span', {class: 'state'}, stateLabel(key, t.id))),
                   el('div', {class: 'meta'}, tables + (tables > 1 ? ' tables' : ' table') + ' · ' +
                      meetingsOf('stand', t.id).length + ' rendez-vous'),
                   el('div', {class: 'actions'},
                      el('button', {type: 'button', class: 'secondary', 'data-action': 'lose_table',
                                    disabled: tables <= 1}, 'Une table de moins'),
                      el('span', {class: 'late'},
                         el('button', {type: 'button', class: 'secondary', 'data-action': 'close'}, 'Ferme à'),
                         close)));
    row.addEventListener('click', (ev) => {
      const b = ev.target.closest('button');
      if (!b) return;
      try {
        standAction(t, b.getAttribute('data-action'), close.value);
      } catch (e) {
        refuse(e.message);
      }
    });
    return row;
  }

  function renderLists() {
    const query = fold($('search').value.trim());
    const match = (name, id) => !query || fold(name).includes(query) || fold(id).includes(query);
    const list = $('suppliers');
    list.replaceChildren();
    const suppliers = (event.suppliers || []).filter((s) => match(s.name, s.id));
    const limit = 60;
    for (const s of suppliers.slice(0, limit)) list.appendChild(supplierRow(s));
    $('suppliers-more').textContent = suppliers.length > limit
        ? (suppliers.length - limit) + ' autres : précisez la recherche.' : '';
    $('suppliers-more').hidden = suppliers.length <= limit;
    if (suppliers.length === 0 && query)
      list.appendChild(el('li', {class: 'meta'}, 'Aucun fournisseur ne correspond à « ' + $('search').value + ' ».'));
    const stands = $('stands');
    stands.replaceChildren();
    for (const t of (event.stands || []).filter((t) => match(t.title, t.id))) stands.appendChild(standRow(t));
  }

  function renderPending() {
    const list = $('pending');
    list.replaceChildren();
    for (const [key, item] of pending) {
      const remove = el('button', {type: 'button', class: 'secondary small', 'aria-label': 'retirer'}, '×');
      remove.addEventListener('click', () => {
        pending.delete(key);
        changed();
      });
      list.appendChild(el('li', {'data-key': key}, item.text + ' ', remove));
    }
    $('pending-none').hidden = pending.size > 0;
    $('preview').disabled = pending.size === 0;
    $('clear').disabled = pending.size === 0;
    $('publish').disabled = pending.size === 0 || !previewed;
  }

  function changed() {
    previewed = false;
    $('result').hidden = true;
    renderPending();
    renderLists();
  }

  // ---- actions -> changes ----------------------------------------------------------
  function supplierAction(id, action, lateTime) {
    if (!(event.suppliers || []).some((s) => s.id === id) && !pending.has('walk:' + id))
      throw new Error('Fournisseur inconnu : « ' + id + ' ».');
    const key = 'supplier:' + id;
    const name = supplierName(id);
    notice('');
    if (action === 'arrived') {
      pending.delete(key);
      arrived.add(id);
    } else if (action === 'no_show') {
      const now = toMinutes(nowText());
      // The meeting it missed: its latest one that has begun.
      const missed = meetingsOf('supplier', id).filter((m) => toMinutes(m.start) < now).pop();
      const change = {kind: 'no_show', supplier: id};
      if (missed) change.stand = missed.stand;
      pending.set(key, {label: 'absent', text: name + ' : absent' +
                        (missed ? ' (rendez-vous manqué : ' + standName(missed.stand) + ' à ' + missed.start + ')' : ''),
                        change});
    } else if (action === 'cancel_supplier') {
      pending.set(key, {label: 'retiré', text: name + ' : retiré', change: {kind: 'cancel_supplier', supplier: id}});
    } else if (action === 'late') {
      const from = dayTime(lateTime, 'En retard à partir de');
      const day = dayBounds();
      const end = pad(Math.floor(day.end / 60)) + ':' + pad(day.end % 60);
      pending.set(key, {label: 'en retard', text: name + ' : en retard, présent à partir de ' + from,
                        change: {kind: 'availability', supplier: id, available: [{start: from, end}]}});
    }
    changed();
  }

  function standAction(t, action, closeTime) {
    const key = 'stand:' + t.id;
    if (action === 'lose_table') {
      const tables = Math.max(1, (t.tables || 1) - 1);
      pending.set(key, {label: tables + ' table(s)', text: t.title + ' : passe à ' + tables + ' table(s)',
                        change: {kind: 'stand_tables', stand: t.id, tables}});
    } else if (action === 'close') {
      const at = dayTime(closeTime, 'Fermeture');
      const day = dayBounds();
      const start = pad(Math.floor(day.start / 60)) + ':' + pad(day.start % 60);
      pending.set(key, {label: 'ferme à ' + at, text: t.title + ' : ferme à ' + at,
                        change: {kind: 'stand_availability', stand: t.id, available: [{start, end: at}]}});
    }
    notice('');
    changed();
  }

  function changesBody(extra) {
    const changes = [...pending.values()].map((p) => p.change);
    if (extra) changes.push(extra);
    return {format: 'standmatch.changes/1', now: dayTime(nowText(), 'Maintenant'), changes};
  }

  // The pending changes as a body, or null after telling why there is none.
  function bodyOrRefuse() {
    try {
      return changesBody();
    } catch (e) {
      refuse(e.message);
      return null;
    }
  }

  // A walk-in is checked by the server as the event file is (a preview with it) before
  // it joins the pending changes.
  async function addWalkIn(ev) {
    ev.preventDefault();
    const id = $('walk-id').value.trim();
    const supplier = {id, name: $('walk-name').value.trim()};
    const siret = $('walk-siret').value.replace(/\s+/g, '');
    const commune = $('walk-commune').value.trim();
    if (siret) supplier.siret = siret;
    if (commune) supplier.commune = commune;
    supplier.cpv = $('walk-cpv').value.split(/[\s,;]+/).filter(Boolean);
    try {
      if ((event.suppliers || []).some((s) => s.id === id) || pending.has('walk:' + id))
        throw new Error('Le fournisseur « ' + id + ' » existe déjà.');
      const body = changesBody({kind: 'walk_in', supplier});
      await send('POST', base + '/replan?preview=1', body);
    } catch (e) {
      refuse(e instanceof ApiError ? apiMessage(e) : e.message);
      return;
    }
    pending.set('walk:' + id, {label: 'sur place', text: supplier.name + ' (' + id + ') : ajouté sur place',
                               change: {kind: 'walk_in', supplier}});
    $('walk-in').reset();
    notice(supplier.name + ' ajouté aux changements en attente.');
    changed();
  }

  // ---- preview and publish ------------------------------------------------------------
  function renderResult(answer, published) {
    $('result-title').textContent = published ? 'Publié : planning version ' + answer.version : 'Aperçu (non publié)';
    const warnings = $('warnings');
    warnings.replaceChildren();
    for (const w of answer.warnings || [])
      warnings.appendChild(el('li', {class: 'warning', 'data-kind': w.kind}, w.text));
    const diff = answer.diff || {};
    $('diff-summary').textContent = (diff.added || 0) + ' ajouté(s), ' + (diff.moved || 0) + ' déplacé(s), ' +
                                    (diff.cancelled || 0) + ' annulé(s), ' + (diff.unchanged || 0) + ' inchangé(s)';
    const list = $('diff');
    list.replaceChildren();
    const word = {added: 'gagne', moved: 'déplacé', cancelled: 'perd'};
    for (const m of diff.meetings || []) {
      const when = m.change === 'moved' ? m.before.start + ' → ' + m.after.start
                                        : (m.after || m.before).start;
      list.appendChild(el('li', {class: 'change ' + m.change, 'data-change': m.change},
                          el('strong', null, word[m.change] || m.change), ' ',
                          supplierName(m.supplier) + ' · ' + standName(m.stand) + ' · ' + when));
    }
    $('result').hidden = false;
  }

  async function preview() {
    const body = bodyOrRefuse();
    if (!body) return;
    try {
      const answer = await send('POST', base + '/replan?preview=1', body);
      previewed = true;
      renderResult(answer, false);
      notice('Aperçu prêt : vérifiez puis publiez.');
      renderPending();
    } catch (e) {
      refuse(apiMessage(e));
    }
  }

  async function publish() {
    const body = bodyOrRefuse();
    if (!body) return;
    const warnings = document.querySelectorAll('#warnings li').length;
    if (warnings > 0 && !window.confirm(warnings + ' avertissement(s) : publier quand même ?')) return;
    try {
      const answer = await send('POST', base + '/replan', body);
      pending.clear();
      arrived.clear();
      await load();
      renderResult(answer, true);
      notice('Planning version ' + answer.version + ' publié.');
    } catch (e) {
      refuse(apiMessage(e));
    }
  }

  async function rebuild() {
    if (!window.confirm('Reconstruire tout le planning réécrit aussi les rendez-vous déjà tenus. Continuer ?')) return;
    try {
      const job = await send('POST', base + '/schedule?rebuild=1');
      notice('Reconstruction lancée (tâche ' + job.job + ').');
    } catch (e) {
      refuse(apiMessage(e));
    }
  }

  // Quick actions from the search box: Enter on an exact id that names nobody.
  function searchEnter(ev) {
    if (ev.key !== 'Enter') return;
    const text = $('search').value.trim();
    if (!text) return;
    const known = (event.suppliers || []).some((s) => fold(s.id) === fold(text) || fold(s.name).includes(fold(text))) ||
                  (event.stands || []).some((t) => fold(t.id) === fold(text) || fold(t.title).includes(fold(text)));
    if (!known) refuse('Fournisseur inconnu : « ' + text + ' ».');
  }

  async function load() {
    [event, schedule, versions] = await Promise.all([
      get(base), get(base + '/schedule'), get(base + '/schedules').then((d) => d.schedules)]);
    const ev = event.event || {};
    $('event-name').textContent = 'Accueil — ' + (ev.name || eventId);
    document.title = 'Accueil — ' + (ev.name || eventId);
    const latest = versions.length ? versions[versions.length - 1].version : 0;
    $('event-meta').textContent = [formatDate(ev.date), dayBounds().text, 'planning version ' + latest]
        .filter(Boolean).join(' · ');
    $('version-meta').textContent = versions.length + ' version(s) ; la dernière : ' + latest + '.';
    $('timetable-link').setAttribute('href', '/ui/timetable.html?event=' + encodeURIComponent(eventId));
    changed();
  }

  async function printChanged() {
    const since = parseInt($('since').value, 10);
    if (!(since >= 1)) {
      refuse('Version « ' + $('since').value + ' » : un numéro de version (1, 2…).');
      return;
    }
    try {
      const html = await get(base + '/agendas.html?since=' + since, true);
      const url = URL.createObjectURL(new Blob([html], {type: 'text/html'}));
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      refuse(apiMessage(e));
    }
  }

  async function main() {
    if (!eventId) {
      showError('error', new Error('adresse sans ?event=ID'));
      setState('error');
      return;
    }
    $('now').value = param('now', clockNow());
    $('now').addEventListener('change', changed);
    $('now-clock').addEventListener('click', () => {
      $('now').value = clockNow();
      changed();
    });
    $('search').addEventListener('input', renderLists);
    $('search').addEventListener('keydown', searchEnter);
    $('walk-in').addEventListener('submit', addWalkIn);
    $('preview').addEventListener('click', preview);
    $('publish').addEventListener('click', publish);
    $('clear').addEventListener('click', () => {
      pending.clear();
      arrived.clear();
      notice('');
      changed();
    });
    $('rebuild').addEventListener('click', rebuild);
    $('print-changed').addEventListener('click', printChanged);
    try {
      await load();
      setState('ready');
    } catch (e) {
      showError('error', e, 'no event ' + eventId);
      setState('error');
    }
  }

  main();
})();

// A stand's page, for its buyers: the stand's agenda in the latest schedule, the
// profile of each supplier to meet or ranked for it (to prepare the meetings), and
// invite buttons (must / want / no) saved with PUT .../invitations. Reads
// GET /events/{id}/stands/{tid}/agenda, /suppliers?top=0 and /invitations with the
// stand's own token (or the organiser's).
'use strict';

(() => {
  const {el, get, param, showError, setState, formatDate, describe, T, lang} = Standmatch;
  const {send, levelButtons, LevelList, say} = Participants;
  const eventId = param('event');
  const standId = param('stand');
  const top = Math.min(200, Math.max(1, parseInt(param('top', '20'), 10) || 20));
  const base = '/events/' + encodeURIComponent(eventId) + '/stands/' + encodeURIComponent(standId);

  const SIZES = {micro: T('Microentreprise', 'Micro firm'), pme: 'PME', eti: 'ETI', ge: T('Grande entreprise', 'Large firm'),
                 unknown: T('Non connue', 'Unknown')};
  const STRUCTURES = {EI: T('Entreprise d\'insertion (SIAE)', 'Inclusion firm (SIAE)'),
                      ETTI: T('Entreprise de travail temporaire d\'insertion (SIAE)', 'Inclusion temp agency (SIAE)'),
                      AI: T('Association intermédiaire (SIAE)', 'Intermediary association (SIAE)'),
                      ACI: T('Atelier et chantier d\'insertion (SIAE)', 'Inclusion workshop (SIAE)'),
                      EITI: T('Entreprise d\'insertion par le travail indépendant (SIAE)', 'Self-employment inclusion firm (SIAE)'),
                      EA: T('Entreprise adaptée', 'Adapted firm (EA)'), ESAT: 'ESAT', GEIQ: 'GEIQ'};

  function renderAgenda(agenda) {
    const owner = agenda.owner || {};
    const name = owner.name || standId;
    document.getElementById('stand-name').textContent = name;
    document.title = name + T(' — mon stand', ' — my stand');
    const ev = agenda.event || {};
    document.getElementById('event-meta').textContent =
        [ev.name, formatDate(ev.date), T('planning version ', 'schedule version ') + agenda.version].filter(Boolean).join(' · ');
    const body = document.getElementById('agenda-body');
    for (const m of agenda.meetings) {
      body.appendChild(el('tr', {class: 'meeting', 'data-slot': m.slot, 'data-supplier': m.supplier},
                          el('td', {class: 'time'}, m.start + '–' + m.end),
                          el('td', {class: 'supplier'},
                             el('a', {href: '#profile-' + m.supplier, class: 'to-profile'}, m.supplier_name || m.supplier)),
                          el('td', {class: 'table-no'}, String(m.table))));
    }
    const count = agenda.meetings.length;
    const summary = document.getElementById('agenda-summary');
    summary.textContent = count === 0 ? T('Aucun rendez-vous à ce stand dans ce planning.', 'No meeting at this stand in this schedule.')
                                      : count + T(' rendez-vous', count === 1 ? ' meeting' : ' meetings');
    summary.hidden = false;
    document.getElementById('agenda').hidden = count === 0;
  }

  function fact(label, value) {
    return [el('dt', null, label), el('dd', null, value)];
  }

  function card(item, meeting, invitations) {
    const p = item.profile || {};
    const cpv = (p.cpv || []).map((c) => c.label ? c.code + ' (' + c.label + ')' : c.code).join(', ');
    const commune = p.commune_name ? p.commune_name + ' (' + p.commune + ')' : (p.commune || T('non indiquée', 'not given'));
    const facts = el('dl', {class: 'profile'},
                     ...fact(T('Taille', 'Size'), SIZES[p.size] || p.size || T('Non connue', 'Unknown')),
                     ...fact('ESS', p.ess ? T('Oui', 'Yes') : T('Non', 'No')),
                     ...fact('Structure', STRUCTURES[p.structure] || T('Aucune', 'None')),
                     ...fact(T('Commune', 'Place'), commune),
                     ...fact('SIRET', p.siret || T('non indiqué', 'not given')),
                     ...fact(T('Codes CPV', 'CPV codes'), cpv || T('aucun', 'none')));
    const reasons = el('ul', {class: 'reasons'});
    for (const reason of String(item.reasons || '').split(' · ')) if (reason) reasons.appendChild(el('li', null, reason));
    const buttons = levelButtons(invitations.get(item.supplier), async (level) => {
      try {
        await send('PUT', base + '/invitations', {invitations: invitations.with(item.supplier, level)});
        invitations.set(item.supplier, level);
        say('invite-status', T('Vos invitations sont enregistrées.', 'Your invitations are saved.'), false);
      } catch (error) {
        say('invite-status', describe(error) + (error.status === 409 ? T(' Les invitations sont closes.', ' Invitations are closed.') : ''), true);
        throw error;
      }
    }, T('Inviter ', 'Invite ') + (item.name || item.supplier));
    return el('article', {class: 'supplier-card' + (meeting ? ' has-meeting' : ''), id: 'profile-' + item.supplier,
                          'data-supplier': item.supplier, 'data-rank': item.rank, 'data-score': item.score},
              el('h3', null, item.name || item.supplier,
                 meeting ? el('span', {class: 'badge'}, T('rendez-vous à ', 'meeting at ') + meeting.start) : null),
              el('p', {class: 'meta'}, T('Rang ', 'Rank ') + item.rank + ' · score ' +
                 (typeof item.score === 'number' ? item.score.toFixed(2) : '')),
              facts,
              el('details', null, el('summary', null, T('Pourquoi ce fournisseur', 'Why this supplier')), reasons),
              buttons);
  }

  function renderSuppliers(ranking, meetings, invitations) {
    const box = document.getElementById('suppliers');
    // The suppliers met first (in the order of the meetings), then the best ranked.
    const shown = new Set();
    const byId = new Map(ranking.ranking.map((item) => [item.supplier, item]));
    const items = [];
    for (const m of meetings) {
      if (byId.has(m.supplier) && !shown.has(m.supplier)) {
        items.push(byId.get(m.supplier));
        shown.add(m.supplier);
      }
    }
    for (const item of ranking.ranking) {
      if (items.length >= top + meetings.length) break;
      if (!shown.has(item.supplier)) {
        items.push(item);
        shown.add(item.supplier);
      }
    }
    const meetingOf = new Map(meetings.map((m) => [m.supplier, m]));
    for (const item of items) box.appendChild(card(item, meetingOf.get(item.supplier), invitations));
    if (items.length === 0) box.appendChild(el('p', {class: 'meta'}, 'Aucun fournisseur ne correspond à ce stand.'));
  }

  async function main() {
    if (!eventId || !standId) {
      showError('error', new Error(T('ajoutez ?event=ID&stand=ID à l\'adresse', 'add ?event=ID&stand=ID to the address')));
      setState('error');
      return;
    }
    document.getElementById('stand-name').textContent = standId;
    const [agenda, ranking, invitations] = await Promise.allSettled([
      get(base + '/agenda?format=json'), get(base + '/suppliers?top=0&lang=' + lang), get(base + '/invitations')]);
    let meetings = [];
    if (agenda.status === 'fulfilled') {
      renderAgenda(agenda.value);
      meetings = agenda.value.meetings;
    } else {
      showError('agenda-error', agenda.reason, 'no schedule yet');
    }
    if (ranking.status === 'fulfilled' && invitations.status === 'fulfilled') {
      const list = new LevelList(invitations.value.invitations, 'supplier');
      renderSuppliers(ranking.value, meetings, list);
      if (invitations.value.open === false) {
        for (const b of document.querySelectorAll('#suppliers .levels button')) b.disabled = true;
        say('invite-status', T('Les invitations sont closes depuis le ', 'Invitations closed on ') + invitations.value.wishes_close + '.', false);
      }
    } else {
      showError('suppliers-error', ranking.status === 'rejected' ? ranking.reason : invitations.reason);
    }
    setState(agenda.status === 'rejected' && ranking.status === 'rejected' ? 'error' : 'ready');
  }

  main();
})();

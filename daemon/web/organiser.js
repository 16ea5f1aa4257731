// The organiser's preparation page: the early warnings (GET /events/{id}/warnings), the
// public registration (PUT /events/{id}/registration) and its review (accept or reject
// each pending registration), and the links of the stands' own pages (GET .../tokens).
'use strict';

(() => {
  const {el, get, param, showError, setState, describe, formatDate} = Standmatch;
  const {send, say} = Participants;
  const eventId = param('event');
  const base = '/events/' + encodeURIComponent(eventId);

  const REASONS = {low_relevance: 'activités trop éloignées (aucun code CPV proche)',
                   reserved: 'marché réservé auquel il n\'est pas éligible',
                   refused: 'réponse « non » de l\'un des deux',
                   no_common_slot: 'jamais libres en même temps',
                   no_slot: 'aucune disponibilité sur les créneaux'};
  const CATEGORIES = {micro: 'microentreprises', ess: 'ESS', inclusion: 'structures d\'insertion et du handicap',
                      local: 'entreprises locales'};
  const STATES = {pending: 'en attente', accepted: 'acceptée', rejected: 'refusée'};

  const percent = (share) => (share * 100).toFixed(1).replace('.', ',') + ' %';

  function reasonText(reasons) {
    return Object.entries(reasons || {}).map(([code, n]) => (REASONS[code] || code) + ' (' + n + ')').join(', ');
  }

  function renderWarnings(w) {
    const list = document.getElementById('warnings');
    for (const s of w.stands)
      list.appendChild(el('li', {class: 'warning', 'data-kind': 'stand', 'data-id': s.stand},
                          el('strong', null, 'Stand « ' + (s.title || s.stand) + ' »'),
                          ' : aucun fournisseur éligible — ' + reasonText(s.reasons) + '.'));
    for (const s of w.suppliers)
      list.appendChild(el('li', {class: 'warning', 'data-kind': 'supplier', 'data-id': s.supplier,
                                 'data-code': s.code},
                          el('strong', null, 'Fournisseur « ' + (s.name || s.supplier) + ' »'),
                          ' : aucun stand éligible, il n\'aura aucun rendez-vous — ' + reasonText(s.reasons) + '.'));
    for (const q of w.quotas)
      list.appendChild(el('li', {class: 'warning', 'data-kind': 'quota', 'data-id': q.category},
                          el('strong', null, 'Quota ' + (CATEGORIES[q.category] || q.category) + ' de ' +
                             percent(q.target)),
                          ' : impossible à atteindre ; au mieux ' + percent(q.best_share) + ' (' + q.best + ' sur ' +
                             q.most_meetings + ' rendez-vous).'));
    document.getElementById('warnings-none').hidden = list.children.length > 0;
  }

  async function decide(r, verdict) {
    try {
      const answer = await send('POST', base + '/registrations/' + encodeURIComponent(r.id) + '/' + verdict);
      say('registration-status', verdict === 'accept'
          ? 'Inscription ' + r.id + ' acceptée : le fournisseur « ' + r.name + ' » rejoint l\'évènement (révision ' +
                answer.revision + ').'
          : 'Inscription ' + r.id + ' refusée.', false);
      await loadRegistrations();
    } catch (error) {
      say('registration-status', describe(error), true);
    }
  }

  async function loadRegistrations() {
    const {registrations} = await get(base + '/registrations');
    const body = document.getElementById('registrations-body');
    body.replaceChildren();
    for (const r of registrations) {
      const cell = el('td', {class: 'decision'});
      if (r.state === 'pending') {
        const accept = el('button', {type: 'button', class: 'accept'}, 'Accepter');
        const reject = el('button', {type: 'button', class: 'reject secondary'}, 'Refuser');
        accept.addEventListener('click', () => decide(r, 'accept'));
        reject.addEventListener('click', () => decide(r, 'reject'));
        cell.append(accept, ' ', reject);
      } else if (r.supplier) {
        cell.append('fournisseur ' + r.supplier);
      }
      const record = r.record || {};
      const detail = [r.siret, record.commune, (record.cpv || []).join(', '), record.activity].filter(Boolean).join(' · ');
      body.appendChild(el('tr', {class: 'registration', 'data-id': r.id, 'data-state': r.state},
                          el('td', null, r.id),
                          el('td', null, el('strong', null, r.name), el('br'), el('span', {class: 'meta'}, detail)),
                          el('td', {class: 'state'}, STATES[r.state] || r.state),
                          cell));
    }
    document.getElementById('registrations').hidden = registrations.length === 0;
    document.getElementById('registrations-none').hidden = registrations.length > 0;
  }

  function wireRegistration(info) {
    const open = document.getElementById('open');
    const closes = document.getElementById('closes');
    open.checked = Boolean(info.open);
    if (info.closes) closes.value = info.closes.slice(0, 16);
    const href = '/ui/register.html?event=' + encodeURIComponent(eventId);
    const link = document.getElementById('register-link');
    link.setAttribute('href', href);
    link.textContent = location.origin + href;
    document.getElementById('registration').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await send('PUT', base + '/registration', {open: open.checked, closes: closes.value || null});
        say('registration-status', open.checked ? 'Inscriptions ouvertes.' : 'Inscriptions fermées.', false);
      } catch (error) {
        say('registration-status', describe(error), true);
      }
    });
  }

  function renderStandLinks(tokens) {
    const list = document.getElementById('stand-links');
    for (const s of tokens.stands || []) {
      const href = '/ui/stand.html?event=' + encodeURIComponent(eventId) + '&stand=' + encodeURIComponent(s.stand) +
                   '#token=' + encodeURIComponent(s.token);
      list.appendChild(el('li', {'data-stand': s.stand}, el('a', {href}, s.name || s.stand)));
    }
  }

  async function main() {
    if (!eventId) {
      showError('error', new Error('ajoutez ?event=ID à l\'adresse'));
      setState('error');
      return;
    }
    const [warnings, info, tokens] = await Promise.allSettled([
      get(base + '/warnings'), get(base + '/registration'), get(base + '/tokens')]);
    if (warnings.status === 'rejected' && [401, 403].includes(warnings.reason.status)) {
      showError('error', warnings.reason);
      setState('error');
      return;
    }
    if (info.status === 'fulfilled') {
      const ev = info.value.event || {};
      document.getElementById('event-meta').textContent = [ev.name, formatDate(ev.date)].filter(Boolean).join(' · ');
      wireRegistration(info.value);
    }
    if (warnings.status === 'fulfilled') renderWarnings(warnings.value);
    else showError('warnings-error', warnings.reason);
    if (tokens.status === 'fulfilled') renderStandLinks(tokens.value);
    try {
      await loadRegistrations();
    } catch (error) {
      say('registration-status', describe(error), true);
    }
    setState('ready');
  }

  main();
})();

// The organiser's preparation page: the early warnings (GET /events/{id}/warnings), the
// public registration (PUT /events/{id}/registration) and its review (accept or reject
// each pending registration), the sourcing of a directory for one stand (POST
// .../source, then POST .../source/invitations with the structures ticked), and the
// links of the stands' own pages (GET .../tokens).
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

  // Sourcing: the chosen directory file is ranked for one stand, and the ticked
  // candidates are invited; the file is posted as it is both times.
  const LEVEL_WORDS = {want: 'souhaitée', must: 'obligatoire'};
  const decimal = (x) => Number(x).toFixed(2).replace('.', ',');
  const plural = (n, one, many) => n + ' ' + (n > 1 ? many : one);

  function renderCandidates(candidates) {
    const list = document.getElementById('candidates');
    list.replaceChildren();
    for (const c of candidates) {
      const box = el('input', {type: 'checkbox', name: 'siret', value: c.siret});
      const facts = [c.naf ? 'NAF ' + c.naf : '', c.commune ? 'commune ' + c.commune : '', 'SIRET ' + c.siret]
                        .filter(Boolean).join(' · ');
      list.appendChild(el('li', {class: 'candidate', 'data-siret': c.siret},
                          el('label', {class: 'pick'}, box,
                             el('span', {class: 'who'}, el('strong', null, c.name),
                                el('span', {class: 'score'}, 'score ' + decimal(c.score)))),
                          el('p', {class: 'meta'}, facts),
                          el('p', {class: 'reasons'}, c.reasons)));
    }
    document.getElementById('candidates-none').hidden = candidates.length > 0;
    document.getElementById('source-invite-button').disabled = candidates.length === 0;
  }

  function renderDirectoryWarnings(warnings) {
    const box = document.getElementById('source-warnings');
    document.getElementById('source-warnings-title').textContent =
        plural(warnings.length, 'avertissement', 'avertissements') + ' sur l\'annuaire (lignes lues sans lieu, SIRET invalides)';
    document.getElementById('source-warnings-list').replaceChildren(...warnings.map((w) => el('li', null, w)));
    box.hidden = warnings.length === 0;
  }

  function wireSourcing(stands) {
    const select = document.getElementById('source-stand');
    for (const s of stands) select.appendChild(el('option', {value: s.stand}, s.name || s.stand));
    const file = document.getElementById('source-file');
    const top = document.getElementById('source-top');
    const invite = document.getElementById('source-invite');
    let ranked = null;  // {file, stand}: what the shown candidates come from
    document.getElementById('sourcing').addEventListener('submit', async (event) => {
      event.preventDefault();
      document.getElementById('invite-status').hidden = true;
      const chosen = file.files[0];
      const stand = select.value;
      const button = document.getElementById('source-rank');
      button.disabled = true;
      say('source-status', 'Classement de « ' + chosen.name + ' »…', false);
      try {
        const answer = await send('POST', base + '/source?stand=' + encodeURIComponent(stand) + '&top=' +
                                              encodeURIComponent(top.value), chosen);
        const candidates = (answer.stands[0] || {}).candidates || [];
        ranked = {file: chosen, stand};
        renderCandidates(candidates);
        renderDirectoryWarnings(answer.warnings || []);
        invite.hidden = false;
        say('source-status', plural(candidates.length, 'structure classée', 'structures classées') + ' pour le stand « ' +
                                 select.selectedOptions[0].textContent + ' », la plus pertinente d\'abord.', false);
      } catch (error) {
        invite.hidden = true;
        say('source-status', describe(error), true);
      } finally {
        button.disabled = false;
      }
    });
    invite.addEventListener('submit', async (event) => {
      event.preventDefault();
      const boxes = [...invite.querySelectorAll('input[name=siret]:checked:not(:disabled)')];
      if (boxes.length === 0) {
        say('invite-status', 'Cochez au moins une structure à inviter.', true);
        return;
      }
      const level = invite.querySelector('input[name=source-level]:checked').value;
      const button = document.getElementById('source-invite-button');
      button.disabled = true;
      try {
        const answer = await send('POST', base + '/source/invitations?stand=' + encodeURIComponent(ranked.stand) +
                                              '&level=' + level + '&siret=' +
                                              encodeURIComponent(boxes.map((b) => b.value).join(',')), ranked.file);
        for (const b of boxes) {
          b.checked = false;
          b.disabled = true;
          b.closest('li').setAttribute('data-invited', level);
          b.closest('label').querySelector('.who').appendChild(el('span', {class: 'badge'}, 'invitée'));
        }
        const n = answer.invitations.length;
        say('invite-status', plural(n, 'structure invitée', 'structures invitées') + ' (invitation ' +
                                 LEVEL_WORDS[level] + ') au stand « ' + select.querySelector(
                                     'option[value="' + CSS.escape(ranked.stand) + '"]').textContent +
                                 ' » : révision ' + answer.revision + ' de l\'évènement.', false);
      } catch (error) {
        say('invite-status', describe(error), true);
      } finally {
        button.disabled = false;
      }
    });
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
    if (tokens.status === 'fulfilled') {
      renderStandLinks(tokens.value);
      wireSourcing(tokens.value.stands || []);
    }
    try {
      await loadRegistrations();
    } catch (error) {
      say('registration-status', describe(error), true);
    }
    setState('ready');
  }

  main();
})();

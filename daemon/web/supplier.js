// A supplier's page: its agenda in the latest schedule and the stands ranked for it,
// with the reasons. Reads GET /events/{id}/suppliers/{sid}/agenda and
// GET /events/{id}/suppliers/{sid}/stands?top=K with the supplier's own token (or the
// organiser's). The ICS and CSV downloads fetch the agenda with the same header and
// save it through a Blob URL.
'use strict';

(() => {
  const {el, get, param, showError, setState, download, formatDate, T, lang} = Standmatch;
  const eventId = param('event');
  const supplierId = param('supplier');
  const top = Math.min(100, Math.max(1, parseInt(param('top', '10'), 10) || 10));
  const base = '/events/' + encodeURIComponent(eventId) + '/suppliers/' + encodeURIComponent(supplierId);

  function formatScore(score) {
    return typeof score === 'number' ? score.toFixed(2) : '';
  }

  function renderAgenda(agenda) {
    const owner = agenda.owner || {};
    const name = owner.name || supplierId;
    document.getElementById('supplier-name').textContent = name;
    document.title = name + T(' — mes rendez-vous', ' — my meetings');
    const ev = agenda.event || {};
    document.getElementById('event-meta').textContent =
        [ev.name, formatDate(ev.date), T('planning version ', 'schedule version ') + agenda.version].filter(Boolean).join(' · ');
    const body = document.getElementById('agenda-body');
    body.replaceChildren();
    for (const m of agenda.meetings) {
      const status = m.status && m.status !== 'planned'
          ? el('span', {class: 'status'}, m.status === 'held' ? T(' ✓ tenu', ' ✓ held') : T(' absent', ' no-show')) : null;
      body.appendChild(el('tr', {class: 'meeting', 'data-slot': m.slot, 'data-stand': m.stand,
                                 'data-table': m.table, 'data-need': m.need, 'data-status': m.status},
                          el('td', {class: 'time'}, m.start + '–' + m.end, status),
                          el('td', {class: 'stand'}, m.stand_name || m.stand),
                          el('td', {class: 'table-no'}, String(m.table)),
                          el('td', {class: 'need'}, m.need_title || m.need || '')));
    }
    const count = agenda.meetings.length;
    const summary = document.getElementById('agenda-summary');
    summary.textContent = count === 0 ? T('Aucun rendez-vous pour vous dans ce planning.',
                                          'No meeting for you in this schedule.')
                                      : count + T(' rendez-vous', count === 1 ? ' meeting' : ' meetings');
    summary.hidden = false;
    document.getElementById('agenda').hidden = count === 0;
    document.getElementById('ics-download').disabled = false;
    document.getElementById('csv-download').disabled = false;
  }

  function reasonList(reasons) {
    const items = Array.isArray(reasons) ? reasons : String(reasons || '').split(' · ');
    const list = el('ul', {class: 'reasons'});
    for (const reason of items) {
      if (reason) list.appendChild(el('li', null, String(reason)));
    }
    return list;
  }

  function renderRanking(ranking, meetingsByStand) {
    const body = document.getElementById('ranking-body');
    for (const item of ranking.ranking) {
      const meeting = meetingsByStand.get(item.stand);
      const score = formatScore(item.score);
      body.appendChild(el('tr', {class: meeting ? 'ranked has-meeting' : 'ranked',
                                 'data-rank': item.rank, 'data-stand': item.stand,
                                 'data-need': item.need, 'data-score': item.score},
                          el('td', {class: 'rank'}, String(item.rank)),
                          el('td', {class: 'stand'}, item.name || item.stand,
                             meeting ? el('span', {class: 'badge'}, T('rendez-vous à ', 'meeting at ') + meeting.start)
                                     : null),
                          el('td', {class: 'score'},
                             el('meter', {min: 0, max: 1, value: item.score || 0}), ' ', score),
                          el('td', {class: 'why'}, reasonList(item.reasons))));
    }
    document.getElementById('ranking').hidden = ranking.ranking.length === 0;
    if (ranking.ranking.length === 0) renderUnranked(ranking.unranked || []);
  }

  // Why no stand is ranked: one line per stand with the reason the server gives
  // (the same reasons as the schedule's unmet pairs), worded here in French.
  function unrankedReason(item) {
    const reason = String(item.reason || '');
    switch (item.kind) {
      case 'refused':
        return reason.includes('supplier said no') ? T('Vous avez répondu « non » à ce stand.', 'You said "no" to this stand.')
                                                   : T('Le stand a répondu « non » à votre candidature.', 'The stand said "no" to you.');
      case 'reserved': {
        const article = (reason.match(/L2113-1[2-5]/) || [''])[0];
        const who = {'L2113-12': T('aux entreprises adaptées (EA) et ESAT', 'to adapted firms (EA) and ESAT'),
                     'L2113-13': T('aux structures d\'insertion (SIAE)', 'to inclusion structures (SIAE)'),
                     'L2113-14': T('aux EA, ESAT et structures d\'insertion (SIAE)', 'to EA, ESAT and inclusion structures (SIAE)'),
                     'L2113-15': T('aux entreprises de l\'ESS', 'to social-economy (ESS) firms')}[article] ||
                    T('à d\'autres structures', 'to other structures');
        return T('Marchés réservés ', 'Contracts reserved ') + who + (article ? ' (' + article + ')' : '') +
               T(' : votre structure n\'y est pas éligible.', ': your structure is not eligible.');
      }
      case 'low_relevance':
        return T('Activités trop éloignées : aucun de vos codes CPV n\'est assez proche des besoins du stand.',
                 'Activities too far apart: none of your CPV codes is close enough to the stand\'s needs.');
      default:
        return reason;
    }
  }

  function renderUnranked(unranked) {
    const box = document.getElementById('unranked');
    box.appendChild(el('p', {class: 'meta'},
                       T('Aucun stand ne vous est proposé. Voici pourquoi, stand par stand :',
                         'No stand is proposed to you. Here is why, stand by stand:')));
    const list = el('ul', {class: 'unranked-list'});
    for (const item of unranked) {
      list.appendChild(el('li', {class: 'unranked', 'data-stand': item.stand, 'data-kind': item.kind || ''},
                          el('strong', null, item.name || item.stand), ' — ', unrankedReason(item)));
    }
    box.appendChild(list);
    box.hidden = false;
  }

  // ---- what changed since the version the participant last saw ------------------------
  // The version seen is kept in the page's address (?seen=V, set with history.replaceState:
  // a reload or a bookmark keeps it; nothing goes to browser storage); the banner lists the
  // meetings added, moved or cancelled since, until "J'ai vu".
  function seenVersion() {
    return parseInt(param('seen', '0'), 10) || 0;
  }
  function markSeen(version) {
    const url = new URL(location.href);
    url.searchParams.set('seen', String(version));
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  let shownVersion = 0;
  async function showChanges(version) {
    const seen = seenVersion();
    if (!seen) markSeen(version);
    if (!seen || seen >= version) return;
    const answer = await get(base + '/changes?since=' + seen);
    const list = document.getElementById('changes-list');
    list.replaceChildren();
    const words = {added: T('Nouveau rendez-vous', 'New meeting'), moved: T('Rendez-vous déplacé', 'Meeting moved'),
                   cancelled: T('Rendez-vous annulé', 'Meeting cancelled')};
    for (const c of answer.changes) {
      const when = c.change === 'moved' ? c.before.start + ' → ' + c.after.start + ' (table ' + c.after.table + ')'
                 : c.change === 'added' ? c.after.start + ' (table ' + c.after.table + ')' : c.before.start;
      list.appendChild(el('li', {class: 'change ' + c.change, 'data-change': c.change, 'data-stand': c.stand},
                          el('strong', null, words[c.change] || c.change), ' : ' + (c.stand_name || c.stand) + ', ' + when));
    }
    document.getElementById('changes-title').textContent = answer.changes.length
        ? T('Votre planning a changé depuis votre dernière visite (version ', 'Your schedule changed since your last visit (version ') +
              seen + ' → ' + version + T(') :', '):')
        : '';
    document.getElementById('changes-banner').hidden = answer.changes.length === 0;
    document.getElementById('changes-seen').onclick = () => {
      markSeen(version);
      document.getElementById('changes-banner').hidden = true;
    };
  }

  // The page refreshes itself: every REFRESH seconds (?refresh=, default 60) it reads
  // the agenda again and, on a new version, shows it and what changed.
  function autoRefresh() {
    const seconds = Math.max(5, parseInt(param('refresh', '60'), 10) || 60);
    setInterval(async () => {
      try {
        const agenda = await get(base + '/agenda?format=json');
        if (agenda.version === shownVersion) return;
        shownVersion = agenda.version;
        renderAgenda(agenda);
        await showChanges(agenda.version);
      } catch (e) {
        // A failed refresh keeps the page as it is; the next one tries again.
      }
    }, seconds * 1000);
  }

  function wireDownloads() {
    const file = 'agenda-' + eventId + '-' + supplierId;
    const save = (format, type) => async () => {
      document.getElementById('download-error').hidden = true;
      try {
        await download(base + '/agenda?format=' + format + '&lang=' + lang, file + '.' + format, type);
      } catch (error) {
        showError('download-error', error, 'no schedule yet');
      }
    };
    document.getElementById('ics-download').addEventListener('click', save('ics', 'text/calendar'));
    document.getElementById('csv-download').addEventListener('click', save('csv', 'text/csv'));
    document.getElementById('print').addEventListener('click', () => window.print());
  }

  async function main() {
    if (!eventId || !supplierId) {
      showError('error', new Error(T('ajoutez ?event=ID&supplier=ID à l\'adresse', 'add ?event=ID&supplier=ID to the address')));
      setState('error');
      return;
    }
    document.getElementById('supplier-name').textContent = supplierId;
    wireDownloads();
    const [agenda, ranking] = await Promise.allSettled([
      get(base + '/agenda?format=json'), get(base + '/stands?top=' + top + '&lang=' + lang)]);
    const meetingsByStand = new Map();
    if (agenda.status === 'fulfilled') {
      renderAgenda(agenda.value);
      shownVersion = agenda.value.version;
      try {
        await showChanges(agenda.value.version);
      } catch (e) {
        // The banner is a courtesy: the agenda above is what counts.
      }
      for (const m of agenda.value.meetings) meetingsByStand.set(m.stand, m);
    } else {
      showError('agenda-error', agenda.reason, 'no schedule yet');
    }
    if (ranking.status === 'fulfilled') {
      renderRanking(ranking.value, meetingsByStand);
      await Participants.attachWishes(base, 'wish-status');  // the wish buttons of each stand
    } else {
      showError('ranking-error', ranking.reason);
    }
    setState(agenda.status === 'rejected' && ranking.status === 'rejected' ? 'error' : 'ready');
    autoRefresh();
  }

  main();
})();

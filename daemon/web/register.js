// The public registration form of an event: GET /events/{id}/registration says whether
// it is open; the form posts a supplier record to POST /events/{id}/registrations (no
// token) and shows the pending registration's number. Errors name the field in French,
// with the server's reason (a SIRET whose check digit fails says so).
'use strict';

(() => {
  const {get, param, showError, setState, formatDate, T} = Standmatch;
  const {send} = Participants;
  const eventId = param('event');
  const base = '/events/' + encodeURIComponent(eventId);

  const FIELDS = {name: T('Raison sociale', 'Company name'), siret: 'SIRET', commune: T('Commune', 'Place'),
                  size: T('Taille', 'Size'), structure: 'Structure', cpv: T('Codes CPV', 'CPV codes'),
                  activity: T('Activité', 'Activity'), available: T('Disponibilités', 'Availability'),
                  email: T('Courriel', 'Email')};

  // The server's message "body: siret: ..." with the field's French name.
  function explain(error) {
    const message = String(error.message || '');
    if (error.status === 403) return T('Les inscriptions à cet évènement sont fermées.', 'Registration for this event is closed.');
    if (error.status === 429) return T('Cet évènement ne prend plus d\'inscriptions.', 'This event takes no more registrations.');
    if (error.status === 413) return T('Votre inscription est trop longue.', 'Your registration is too long.');
    if (error.status !== 400) return Standmatch.describe(error);
    const lines = message.split('\n').map((line) => {
      const m = /^body: ([a-z_]+)[^:]*: (.*)$/.exec(line);
      if (!m) return line.replace(/^body: /, '');
      let detail = m[2];
      if (m[1] === 'siret' && /check digit/.test(detail)) detail = T('la clé de contrôle est fausse (', 'the check digit is wrong (') + detail + ')';
      else if (m[1] === 'siret') detail = T('ce n\'est pas un SIRET valide (', 'this is not a valid SIRET (') + detail + ')';
      return (FIELDS[m[1]] || m[1]) + T(' : ', ': ') + detail;
    });
    return lines.join(' — ');
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  function record() {
    const body = {name: value('name'), siret: value('siret').replace(/[\s.]/g, '')};
    if (value('commune')) body.commune = value('commune');
    if (value('size')) body.size = value('size');
    body.ess = document.getElementById('ess').checked;
    if (value('structure')) body.structure = value('structure');
    const cpv = value('cpv').split(/[,;\s]+/).filter(Boolean);
    if (cpv.length) body.cpv = cpv;
    if (value('activity')) body.activity = value('activity');
    if (value('from') && value('to')) body.available = [{start: value('from'), end: value('to')}];
    if (value('email')) body.email = value('email');
    return body;
  }

  async function main() {
    if (!eventId) {
      showError('error', new Error(T('ajoutez ?event=ID à l\'adresse', 'add ?event=ID to the address')));
      setState('error');
      return;
    }
    let info;
    try {
      info = await get(base + '/registration');
    } catch (error) {
      showError('error', error);
      setState('error');
      return;
    }
    const ev = info.event || {};
    document.getElementById('event-meta').textContent =
        [ev.name, formatDate(ev.date), info.closes ? T('inscriptions jusqu\'au ', 'registration until ') + info.closes.replace('T', T(' à ', ' at ')) : '']
            .filter(Boolean).join(' · ');
    if (!info.open) {
      document.getElementById('closed').hidden = false;
      setState('ready');
      return;
    }
    const sessions = ev.sessions || [];
    if (sessions.length) {
      document.getElementById('from').value = sessions[0].start;
      document.getElementById('to').value = sessions[sessions.length - 1].end;
    }
    const form = document.getElementById('register');
    form.hidden = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const box = document.getElementById('form-error');
      box.hidden = true;
      const button = document.getElementById('submit');
      button.disabled = true;
      try {
        const answer = await send('POST', base + '/registrations', record());
        document.getElementById('registration-id').textContent = answer.id;
        form.hidden = true;
        document.getElementById('done').hidden = false;
      } catch (error) {
        box.textContent = explain(error);
        box.setAttribute('data-status', String(error.status));
        box.hidden = false;
      } finally {
        button.disabled = false;
      }
    });
    setState('ready');
  }

  main();
})();

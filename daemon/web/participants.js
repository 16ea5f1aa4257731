// What the participants' pages share (the stand page, the wish buttons of the supplier
// page, the registration form, the organiser's preparation page): writes to the API
// and the must / want / no buttons. Loaded after app.js.
'use strict';

const Participants = (() => {
  const {el, token, ApiError, T} = Standmatch;

  // METHOD PATH with BODY (an object, sent as JSON; or a file, sent as it is: a CSV
  // keeps its bytes, so its encoding) and the page's token; resolves to the parsed
  // answer, rejects with an ApiError carrying the API's {"error": ...} message.
  async function send(method, path, body) {
    const file = body instanceof Blob;
    const headers = {'Content-Type': file ? 'text/csv' : 'application/json'};
    const bearer = token();
    if (bearer) headers['Authorization'] = 'Bearer ' + bearer;
    let response;
    try {
      response = await fetch(path, {method, headers,
                                    body: body === undefined || file ? body : JSON.stringify(body),
                                    cache: 'no-store', credentials: 'omit'});
    } catch (e) {
      throw new ApiError(0, 'network error');
    }
    const text = await response.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json && typeof json.error === 'string' ? json.error : '');
    return json;
  }

  // The levels, in the order of the buttons, with their French labels.
  const LEVELS = [
    {level: 'must', label: T('Incontournable', 'Must'), title: T('Rencontre à assurer en priorité', 'A meeting to hold first')},
    {level: 'want', label: T('Souhaité', 'Wanted'), title: T('Rencontre souhaitée', 'A meeting wanted')},
    {level: 'no', label: T('Non', 'No'), title: T('Pas de rencontre', 'No meeting')},
  ];

  // A group of three toggle buttons for the level of one pair. CURRENT: 'must', 'want',
  // 'no' or ''. ON_CHANGE(level) is called with the new level ('' when the pressed
  // button is pressed again) and returns a promise; the buttons show the level once it
  // resolves and stay as they were when it rejects.
  function levelButtons(current, onChange, name) {
    const group = el('div', {class: 'levels', role: 'group', 'aria-label': name});
    const buttons = [];
    const show = (level) => {
      group.setAttribute('data-level', level);
      for (const b of buttons) b.setAttribute('aria-pressed', String(b.value === level));
    };
    for (const {level, label, title} of LEVELS) {
      const button = el('button', {type: 'button', class: 'level level-' + level, value: level, title}, label);
      button.addEventListener('click', async () => {
        const next = group.getAttribute('data-level') === level ? '' : level;
        for (const b of buttons) b.disabled = true;
        try {
          await onChange(next);
          show(next);
        } catch (e) {
          // The caller shows the error; the buttons keep the saved level.
        } finally {
          for (const b of buttons) b.disabled = false;
        }
      });
      buttons.push(button);
      group.appendChild(button);
    }
    show(current || '');
    return group;
  }

  // The list of a participant's levels, kept in the order first given: an editable
  // copy of {"wishes": [...]} or {"invitations": [...]} keyed by the other side's id.
  class LevelList {
    constructor(entries, key) {
      this.key = key;
      this.levels = new Map();
      for (const e of entries || []) this.levels.set(e[key], e.level);
    }
    get(id) {
      return this.levels.get(id) || '';
    }
    // The list with ID at LEVEL ('' removes it), as the API takes it.
    with(id, level) {
      const next = new Map(this.levels);
      if (level) next.set(id, level);
      else next.delete(id);
      return [...next].map(([other, lvl]) => ({[this.key]: other, level: lvl}));
    }
    set(id, level) {
      if (level) this.levels.set(id, level);
      else this.levels.delete(id);
    }
  }

  // "status" line: a short confirmation for a person.
  function say(target, text, isError) {
    const box = document.getElementById(target);
    box.textContent = text;
    box.classList.toggle('error', Boolean(isError));
    box.hidden = false;
  }

  // The supplier page's wish buttons: one group per ranked stand row (#ranking-body
  // tr.ranked), saved with PUT .../wishes. BASE: /events/{id}/suppliers/{sid}.
  async function attachWishes(base, statusTarget) {
    let wishes;
    try {
      wishes = await Standmatch.get(base + '/wishes');
    } catch (error) {
      Standmatch.showError(statusTarget, error);
      return;
    }
    const list = new LevelList(wishes.wishes, 'stand');
    const closed = wishes.open === false;
    for (const row of document.querySelectorAll('#ranking-body tr.ranked')) {
      const stand = row.getAttribute('data-stand');
      const cell = row.querySelector('td.stand');
      const group = levelButtons(list.get(stand), async (level) => {
        try {
          await send('PUT', base + '/wishes', {wishes: list.with(stand, level)});
          list.set(stand, level);
          say(statusTarget, T('Vos souhaits sont enregistrés.', 'Your wishes are saved.'), false);
        } catch (error) {
          say(statusTarget, Standmatch.describe(error) + (error.status === 409 ? T(' Les souhaits sont clos.', ' Wishes are closed.') : ''),
              true);
          throw error;
        }
      }, T('Votre souhait pour ce stand', 'Your wish for this stand'));
      if (closed) for (const b of group.querySelectorAll('button')) b.disabled = true;
      cell.appendChild(group);
    }
    if (closed) say(statusTarget, T('Les souhaits sont clos depuis le ', 'Wishes closed on ') + wishes.wishes_close + '.', false);
  }

  return {send, levelButtons, LevelList, say, attachWishes};
})();

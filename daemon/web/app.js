// standmatchd web pages: what the pages share.
//
// The access token comes from the URL fragment (#token=...), which browsers never send
// to a server, and goes to the API as an Authorization: Bearer header. It is never put
// in a query string, a cookie or browser storage. Every piece of data reaches the page
// through text nodes or setAttribute: nothing from the API is parsed as HTML.
'use strict';

const Standmatch = (() => {
  // The token of the URL fragment, or '' when there is none.
  function token() {
    const hash = location.hash.replace(/^#/, '');
    for (const part of hash.split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq) === 'token') {
        try {
          return decodeURIComponent(part.slice(eq + 1));
        } catch (e) {
          return '';
        }
      }
    }
    return '';
  }

  // A query parameter of the page's URL, or FALLBACK.
  function param(name, fallback = '') {
    const value = new URLSearchParams(location.search).get(name);
    return value === null || value === '' ? fallback : value;
  }

  // The page's language: French unless the address says ?lang=en.
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr';

  // FR, or EN on a page asked in English: every participant-facing string of the scripts.
  function T(fr, en) {
    return lang === 'en' ? en : fr;
  }

  // On a page asked in English, the elements' own words come from their data-en
  // attribute (and a field's placeholder from data-en-placeholder); <html lang> follows.
  function translatePage() {
    if (lang !== 'en') return;
    document.documentElement.setAttribute('lang', 'en');
    for (const node of document.querySelectorAll('[data-en]')) node.textContent = node.getAttribute('data-en');
    for (const node of document.querySelectorAll('[data-en-placeholder]'))
      node.setAttribute('placeholder', node.getAttribute('data-en-placeholder'));
    const title = document.querySelector('title[data-en]');
    if (title) document.title = title.getAttribute('data-en');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', translatePage);
  else translatePage();

  // An element: el('td', {class: 'x', 'data-slot': 3}, 'text', child, ...). Attribute
  // values go through setAttribute, strings through text nodes: nothing is parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
                           ? document.createTextNode(String(child))
                           : child);
    }
    return node;
  }

  // An API error, with the HTTP status (0: the server did not answer) and its text.
  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // GET PATH with the token; resolves to the parsed JSON (or the text when AS_TEXT),
  // rejects with an ApiError carrying the API's {"error": ...} message.
  function get(path, asText = false) {
    return send('GET', path, undefined, asText);
  }

  // METHOD PATH with the token and BODY (an object, sent as JSON; or undefined), as get.
  async function send(method, path, body, asText = false) {
    const headers = {};
    const bearer = token();
    if (bearer) headers['Authorization'] = 'Bearer ' + bearer;
    const init = {method, headers, cache: 'no-store', credentials: 'omit'};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'network error');
    }
    const text = await response.text();
    if (!response.ok) {
      let message = '';
      try {
        const body = JSON.parse(text);
        if (body && typeof body.error === 'string') message = body.error;
      } catch (e) {
        message = '';
      }
      throw new ApiError(response.status, message);
    }
    if (asText) return text;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ApiError(response.status, 'the answer is not JSON');
    }
  }

  // What to tell a person about ERROR. NOT_FOUND is the page's own wording of a 404
  // when the API gives none.
  function describe(error, notFound = 'not found') {
    const status = error instanceof ApiError ? error.status : -1;
    switch (status) {
      case 0:
        return T('Le serveur ne répond pas (network error).', 'The server does not answer (network error).');
      case 401:
        return T('Jeton absent ou erroné (token missing or wrong).', 'Token missing or wrong.');
      case 403:
        return T('Ce jeton ne donne pas accès à cette page (token outside its scope).',
                 'This token does not give access to this page (outside its scope).');
      case 404:
        if ((error.message || notFound) === 'no schedule yet')
          return T('Pas encore de planning (no schedule yet).', 'No schedule yet.');
        return T('Introuvable (', 'Not found (') + (error.message || notFound) + ').';
      case 503:
        return T('Service momentanément indisponible, réessayez (', 'Service unavailable for a moment, retry (') +
               (error.message || 'unavailable') + ').';
      case -1:
        return T('Erreur de la page : ', 'Page error: ') + String(error && error.message ? error.message : error);
      default:
        return T('Erreur ', 'Error ') + status + (error.message ? T(' : ', ': ') + error.message : '') + '.';
    }
  }

  // Shows ERROR in the element with id TARGET (unhidden, data-status set).
  function showError(target, error, notFound) {
    const box = document.getElementById(target);
    box.textContent = describe(error, notFound);
    box.setAttribute('data-status', error instanceof ApiError ? String(error.status) : 'page');
    box.hidden = false;
  }

  // Marks the page's state on <body data-state>: 'loading', 'ready' or 'error'.
  function setState(state) {
    document.body.setAttribute('data-state', state);
  }

  // Fetches PATH (with the token) as text and saves it as FILENAME through a Blob URL:
  // a plain link could not carry the Authorization header.
  async function download(path, filename, type) {
    const text = await get(path, true);
    const url = URL.createObjectURL(new Blob([text], {type}));
    const link = el('a', {href: url, download: filename, hidden: true});
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // The page URL of another page of the site, with the current token in its fragment.
  function withToken(href) {
    const bearer = token();
    return bearer ? href + '#token=' + encodeURIComponent(bearer) : href;
  }

  // Links with class "keep-token" carry the token when followed, without writing it
  // into the document.
  document.addEventListener('click', (event) => {
    const link = event.target.closest ? event.target.closest('a.keep-token') : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    location.href = withToken(link.getAttribute('href'));
  });

  // "2025-03-28" as "vendredi 28 mars 2025"; anything else as it is.
  function formatDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) return iso || '';
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});
  }

  // Accent- and case-insensitive form of S, for searches.
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  return {lang, T, token, param, el, ApiError, get, send, describe, showError, setState, download, withToken, fold,
          formatDate};
})();

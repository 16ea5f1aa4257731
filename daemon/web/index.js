// The home page: opens the timetable or a supplier's page, with the token in the
// URL fragment (never in the query string).
'use strict';

(() => {
  const form = document.getElementById('open');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const which = event.submitter ? event.submitter.value : 'timetable';
    const eventId = document.getElementById('event').value.trim();
    const supplier = document.getElementById('supplier').value.trim();
    const token = document.getElementById('token').value.trim();
    const box = document.getElementById('error');
    if (which === 'supplier' && !supplier) {
      box.textContent = 'Indiquez le fournisseur (supplier id).';
      box.hidden = false;
      return;
    }
    const query = new URLSearchParams({event: eventId});
    if (which === 'supplier') query.set('supplier', supplier);
    const page = which === 'supplier' ? '/ui/supplier.html' : '/ui/timetable.html';
    location.href = page + '?' + query.toString() + '#token=' + encodeURIComponent(token);
  });
  // Ready only once the form is wired: before that a click would submit it plainly.
  document.body.setAttribute('data-state', 'ready');
})();

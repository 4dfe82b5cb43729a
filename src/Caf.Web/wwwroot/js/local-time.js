// Adds the reader's own time after each Geneva time of a round. Kept in a file: the Content-Security-Policy allows no inline script.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone';
  document.querySelectorAll('time.geneva-time').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when)) return;
    var local = when.toLocaleString(undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    var note = document.createElement('span');
    note.className = 'local-time';
    note.textContent = ' (your time: ' + local + ', ' + zone + ')';
    el.after(note);
  });
})();

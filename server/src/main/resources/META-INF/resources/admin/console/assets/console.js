// The console works without scripts; this only adds copy buttons, confirmations and live previews.
document.addEventListener('click', function (e) {
  var copy = e.target.closest('button.copy');
  if (copy) {
    navigator.clipboard.writeText(copy.getAttribute('data-copy')).then(function () {
      copy.textContent = 'Copied';
    });
  }
});
document.addEventListener('submit', function (e) {
  var message = e.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    e.preventDefault();
  }
});
// Fields with data-preview="url": after typing pauses, GET url?<name>=<value> and show its text in the element
// named by data-preview-target (the server validates and answers in plain text).
(function () {
  document.querySelectorAll('[data-preview]').forEach(function (field) {
    var timer;
    var target = document.getElementById(field.getAttribute('data-preview-target'));
    var run = function () {
      var url = field.getAttribute('data-preview') + '?' + encodeURIComponent(field.name) + '=' + encodeURIComponent(field.value);
      fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/plain'}})
        .then(function (r) { return r.text().then(function (t) { return {ok: r.ok, text: t}; }); })
        .then(function (r) {
          target.textContent = r.text;
          target.className = r.ok ? 'notice' : 'error';
          field.setAttribute('aria-invalid', r.ok ? 'false' : 'true');
        });
    };
    field.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 300); });
    if (field.value) { run(); }
  });
})();

// Tilneste's only script of its own: small enhancements that need JavaScript; every page works without them.
(function () {
  'use strict';

  function showStatus(text) {
    var status = document.getElementById('copy-status');
    if (status) status.textContent = text;
  }

  function enhance(root) {
    // "Copy as text": the text is on the page for everyone; the button appears only where copying works.
    root.querySelectorAll('[data-copy-target]').forEach(function (button) {
      if (button.dataset.enhanced || !navigator.clipboard) return;
      button.dataset.enhanced = 'yes';
      button.hidden = false;
      button.addEventListener('click', function () {
        var source = document.getElementById(button.dataset.copyTarget);
        if (!source) return;
        navigator.clipboard.writeText(source.textContent).then(function () {
          showStatus(button.dataset.copied || '');
        });
      });
    });
    root.querySelectorAll('[data-print]').forEach(function (button) {
      if (button.dataset.enhanced) return;
      button.dataset.enhanced = 'yes';
      button.hidden = false;
      button.addEventListener('click', function () {
        window.print();
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
  });
  // Content that htmx swaps in gets the same enhancements.
  document.addEventListener('htmx:afterSettle', function (event) {
    enhance(event.target);
  });
})();

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

  // A form that writes is sent once: after its first submit its buttons say they are unavailable
  // (aria-disabled, so they keep their place in the tab order and the screen reader's view), and a second
  // submit (a double click, Enter again) is not sent. The button that sent it stays out of `disabled`, which
  // would drop its name and value (the import's several actions) from what is posted. The server refuses a
  // repeat as well: every form carries a key that records it once (form-key.ts).
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (!form || form.tagName !== 'FORM' || form.method.toLowerCase() !== 'post') return;
      if (form.dataset.submitted) {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = 'yes';
      form.setAttribute('aria-busy', 'true');
      form
        .querySelectorAll('button[type=submit], button:not([type]), input[type=submit]')
        .forEach(function (b) {
          b.setAttribute('aria-disabled', 'true');
        });
    },
    true,
  );
  // Back to a page kept in the browser's cache: its forms may be sent again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-submitted]').forEach(function (form) {
      delete form.dataset.submitted;
      form.removeAttribute('aria-busy');
      form.querySelectorAll('[aria-disabled]').forEach(function (b) {
        b.removeAttribute('aria-disabled');
      });
    });
  });

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    // A form that came back refused: its error summary takes the focus, so it is read out first.
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  });
  // A refused action (say, an item handed to someone else meanwhile) shows the server's error page in place of
  // the main content, as it would without script; htmx would otherwise leave the page as it was, saying nothing.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var main = document.getElementById('main');
    if (event.detail.xhr.status < 400 || !main) return;
    event.detail.shouldSwap = true;
    event.detail.isError = false;
    event.detail.target = main;
    event.detail.selectOverride = '#main';
    event.detail.swapOverride = 'outerHTML';
  });
  // Content that htmx swaps in gets the same enhancements.
  document.addEventListener('htmx:afterSettle', function (event) {
    enhance(event.target);
  });
})();

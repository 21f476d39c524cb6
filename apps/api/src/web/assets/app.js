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
  // What a form swaps in when the server answers (its hx-select), if the answer has it.
  function selectionIn(detail) {
    var elt = detail.requestConfig && detail.requestConfig.elt;
    var holder = elt && elt.closest ? elt.closest('[hx-select]') : null;
    var select = holder && holder.getAttribute('hx-select');
    if (!select || typeof detail.serverResponse !== 'string') return null;
    var answer = new window.DOMParser().parseFromString(detail.serverResponse, 'text/html');
    return answer.querySelector(select) ? select : null;
  }

  // An answer of 4xx or 5xx is swapped in, as it would be shown without script; htmx would otherwise leave the
  // page as it was, saying nothing. A form refused for what was typed (400, say) comes back as its page again,
  // with the error beside the field and the text kept: the part the form asked for is swapped as after a
  // success. Any other refusal (an item handed to someone else meanwhile) shows the server's error page in
  // place of the main content.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail;
    var main = document.getElementById('main');
    if (detail.xhr.status < 400 || !main) return;
    detail.shouldSwap = true;
    detail.isError = false;
    if (detail.xhr.status < 500 && selectionIn(detail)) return;
    detail.target = main;
    detail.selectOverride = '#main';
    detail.swapOverride = 'outerHTML';
  });

  // Where the focus goes once htmx has swapped a part of the page, which took away the element that had it
  // (the button pressed): a refused form's error summary, else the part's own `data-focus-after-swap` (the
  // task list's status message), else the swapped part itself. Never left on <body>, where the next Tab
  // would start again at the top of the page (WCAG 2.4.3).
  function focusAfterSwap(root) {
    if (document.activeElement && document.activeElement !== document.body) return;
    var to =
      root.querySelector('[data-error-summary]') ||
      root.querySelector('[data-focus-after-swap]') ||
      (root.hasAttribute('tabindex') ? root : null);
    if (to) to.focus();
  }

  // Content that htmx swaps in gets the same enhancements.
  document.addEventListener('htmx:afterSettle', function (event) {
    enhance(event.target);
    if (event.target && event.target.querySelector) focusAfterSwap(event.target);
  });
})();

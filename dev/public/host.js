// The local host's side of the Forge bridge: each macro iframe calls through postMessage, and the
// host answers as Confluence would. Identity is never taken from the iframe: the server reads the
// signed-in demo user from this page's session cookie.
(function () {
  'use strict';
  var colorMode = document.documentElement.getAttribute('data-color-mode') || 'light';
  var accountId = document.getElementById('user-switch').value;
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe[data-macro]'));

  document.getElementById('user-switch').addEventListener('change', function (event) {
    event.target.form.submit();
  });
  document.getElementById('theme-switch').addEventListener('change', function (event) {
    event.target.form.submit();
  });

  function frameOf(source) {
    for (var i = 0; i < frames.length; i += 1) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }

  // A bridge Modal, as Confluence shows one: a blanket over the whole page, the resource's frame in a
  // dialog above it. One at a time; Escape (in the frame) and a click on the blanket close it.
  var openModal = null;

  function closeModal(payload) {
    if (!openModal) return;
    var modal = openModal;
    openModal = null;
    frames = frames.filter(function (frame) {
      return frame !== modal.frame;
    });
    modal.blanket.remove();
    if (modal.opener.contentWindow)
      modal.opener.contentWindow.postMessage({ hdcBridge: 'modalClosed', modalId: modal.id, payload: payload }, '*');
    modal.opener.focus();
  }

  function showModal(opener, payload) {
    if (openModal) return Promise.reject(new Error('A modal is already open'));
    var blanket = document.createElement('div');
    blanket.className = 'modal-blanket';
    var dialog = document.createElement('div');
    dialog.className = 'modal-dialog modal-' + (typeof payload.size === 'string' ? payload.size : 'medium');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    if (payload.title) dialog.setAttribute('aria-label', payload.title);
    var frame = document.createElement('iframe');
    frame.title = payload.title || 'Dialog';
    frame.dataset.macro = payload.resource;
    frame.dataset.pageId = opener.dataset.pageId;
    frame.dataset.localId = opener.dataset.localId + '-modal';
    frame.setAttribute('sandbox', 'allow-scripts allow-forms');
    frame.src = '/macro/' + encodeURIComponent(payload.resource) + '/index.html';
    dialog.appendChild(frame);
    blanket.appendChild(dialog);
    blanket.addEventListener('click', function (event) {
      if (event.target === blanket && payload.closeOnOverlayClick !== false) closeModal(undefined);
    });
    document.body.appendChild(blanket);
    openModal = { id: payload.modalId, frame: frame, opener: opener, blanket: blanket, context: payload.context || {} };
    frames.push(frame);
    frame.focus();
    return Promise.resolve(true);
  }

  function contextOf(frame) {
    return {
      accountId: accountId,
      cloudId: 'local-host',
      environmentType: 'DEVELOPMENT',
      locale: 'en-US',
      moduleKey: frame.dataset.macro,
      localId: frame.dataset.localId,
      siteUrl: location.origin,
      theme: { colorMode: colorMode },
      // A macro or a byline item sits on a page; a global page (the console) on none.
      extension: Object.assign(
        frame.dataset.pageId
          ? {
              type: frame.dataset.moduleType || 'macro',
              content: { id: frame.dataset.pageId, type: 'page' },
              space: { key: 'HDC' },
            }
          : { type: frame.dataset.moduleType || 'macro' },
        openModal && openModal.frame === frame ? { modal: openModal.context } : {},
      ),
    };
  }

  // The byline item's popup, as Confluence opens one under the item: its frame is made on the first
  // click and kept, hidden, when the popup closes, so the page view asks the app once.
  var bylineItem = document.getElementById('hdc-sync-byline');
  var bylinePopup = null;
  function setBylineOpen(open) {
    if (!bylineItem) return;
    if (open && !bylinePopup) {
      bylinePopup = document.createElement('div');
      bylinePopup.className = 'byline-popup';
      bylinePopup.setAttribute('role', 'dialog');
      bylinePopup.setAttribute('aria-label', 'HDC sync');
      var frame = document.createElement('iframe');
      frame.title = 'HDC Ops: event sync state';
      frame.dataset.macro = 'sync-byline';
      frame.dataset.moduleType = 'confluence:contentBylineItem';
      frame.dataset.pageId = bylineItem.dataset.pageId;
      frame.dataset.localId = 'sync-byline';
      frame.setAttribute('sandbox', 'allow-scripts allow-forms');
      frame.src = '/macro/sync-byline/index.html';
      bylinePopup.appendChild(frame);
      bylineItem.insertAdjacentElement('afterend', bylinePopup);
      frames.push(frame);
    }
    if (bylinePopup) bylinePopup.hidden = !open;
    bylineItem.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  if (bylineItem) {
    bylineItem.addEventListener('click', function () {
      setBylineOpen(bylineItem.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') setBylineOpen(false);
    });
    document.addEventListener('click', function (event) {
      if (event.target !== bylineItem && bylinePopup && !bylinePopup.contains(event.target)) setBylineOpen(false);
    });
  }

  var handlers = {
    getContext: function (frame) {
      return Promise.resolve(contextOf(frame));
    },
    enableTheming: function () {
      return Promise.resolve({ colorMode: colorMode, dataTheme: document.documentElement.getAttribute('data-theme') });
    },
    invoke: function (frame, payload) {
      return fetch('/dev/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          functionKey: payload && payload.functionKey,
          payload: payload && payload.payload,
          moduleKey: frame.dataset.macro,
          pageId: frame.dataset.pageId,
        }),
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok)
            throw new Error(body && body.message ? body.message : 'invoke failed: HTTP ' + response.status);
          return body;
        });
      });
    },
    emit: function (frame, payload) {
      frames.forEach(function (other) {
        if (other !== frame && other.contentWindow) {
          other.contentWindow.postMessage(
            { hdcBridge: 'event', event: payload && payload.event, payload: payload && payload.payload },
            '*',
          );
        }
      });
      return Promise.resolve();
    },
    fetchProduct: function (frame, payload) {
      var init = (payload && payload.fetchRequestInit) || {};
      return fetch('/dev/fetch-product', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({
          product: payload && payload.product,
          restPath: payload && payload.restPath,
          method: init.method || 'GET',
          body: init.body || null,
        }),
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok)
            throw new Error(body && body.message ? body.message : 'requestConfluence failed: HTTP ' + response.status);
          return body;
        });
      });
    },
    openModal: function (frame, payload) {
      return showModal(frame, payload || {});
    },
    close: function (frame, payload) {
      if (!openModal || openModal.frame !== frame)
        return Promise.reject(new Error("this resource's view is not closable."));
      closeModal(payload);
      return Promise.resolve(true);
    },
    navigate: function (frame, payload) {
      var url = new URL(payload && payload.url, location.origin);
      if (url.origin !== location.origin)
        return Promise.reject(new Error('The local host only navigates within the site'));
      location.assign(url.pathname + url.search);
      return Promise.resolve();
    },
  };

  window.addEventListener('message', function (event) {
    var frame = frameOf(event.source);
    var data = event.data;
    if (!frame || !data || typeof data !== 'object') return;
    if (data.hdcBridge === 'resize' && typeof data.height === 'number') {
      frame.style.height = Math.max(80, Math.ceil(data.height)) + 'px';
      return;
    }
    if (data.hdcBridge !== 'call') return;
    var handler = handlers[data.name];
    var reply = handler
      ? handler(frame, data.payload)
      : Promise.reject(new Error('The local host does not support bridge call ' + data.name));
    reply.then(
      function (value) {
        event.source.postMessage({ hdcBridge: 'reply', id: data.id, ok: true, value: value }, '*');
      },
      function (error) {
        event.source.postMessage(
          { hdcBridge: 'reply', id: data.id, ok: false, message: String((error && error.message) || error) },
          '*',
        );
      },
    );
  });
})();

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
      extension: { type: 'macro', content: { id: frame.dataset.pageId, type: 'page' }, space: { key: 'HDC' } },
    };
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

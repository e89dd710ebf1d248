// Installed in each macro iframe before the macro's bundle: globalThis.__bridge is what the real
// @forge/bridge calls, as it does inside Confluence. Calls go to the host page by postMessage.
(function () {
  'use strict';
  var pending = new Map();
  var nextId = 1;

  // Forge's events API: callbacks stay in this frame; the host page delivers an emitted event to
  // every other HDC frame on the page, as Confluence does.
  var listeners = new Map();
  // A bridge Modal's onClose stays in the frame that opened it; the host page says when it closed.
  var modalClosers = new Map();
  var nextModalId = 1;

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source === window.parent && data && data.hdcBridge === 'event') {
      (listeners.get(data.event) || []).slice().forEach(function (callback) {
        try {
          callback(data.payload);
        } catch (error) {
          window.setTimeout(function () {
            throw error;
          });
        }
      });
      return;
    }
    if (event.source === window.parent && data && data.hdcBridge === 'modalClosed') {
      var onClose = modalClosers.get(data.modalId);
      modalClosers.delete(data.modalId);
      if (onClose) onClose(data.payload);
      return;
    }
    if (event.source !== window.parent || !data || data.hdcBridge !== 'reply' || !pending.has(data.id)) return;
    var call = pending.get(data.id);
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(new Error(data.message));
  });

  function applyTheme(theme) {
    var root = document.documentElement;
    root.setAttribute('data-color-mode', theme.colorMode);
    root.setAttribute('data-theme', theme.dataTheme);
    if (!document.getElementById('hdc-tokens')) {
      var link = document.createElement('link');
      link.id = 'hdc-tokens';
      link.rel = 'stylesheet';
      link.href = '/dev/tokens.css';
      document.head.appendChild(link);
    }
    return theme;
  }

  function subscribe(payload) {
    var callbacks = listeners.get(payload.event) || [];
    callbacks.push(payload.callback);
    listeners.set(payload.event, callbacks);
    return Promise.resolve({
      unsubscribe: function () {
        var current = listeners.get(payload.event) || [];
        listeners.set(
          payload.event,
          current.filter(function (callback) {
            return callback !== payload.callback;
          }),
        );
      },
    });
  }

  globalThis.__bridge = {
    callBridge: function (name, payload) {
      if (name === 'on') return subscribe(payload);
      if (name === 'openModal') {
        // Functions cannot cross frames: the host gets an id for the onClose kept here.
        var modalId = nextModalId++;
        modalClosers.set(modalId, payload.onClose);
        payload = Object.assign({}, payload, { onClose: undefined, modalId: modalId });
      }
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        pending.set(id, { resolve: resolve, reject: reject });
        window.parent.postMessage({ hdcBridge: 'call', id: id, name: name, payload: payload }, '*');
      }).then(function (value) {
        return name === 'enableTheming' ? applyTheme(value) : value;
      });
    },
  };

  // Confluence sizes a macro's iframe to its content, both ways: the body's own height (the
  // document's scrollHeight never drops below the frame's, so a frame sized by it only grows).
  function reportHeight() {
    var body = document.body;
    if (!body) return;
    var style = window.getComputedStyle(body);
    var height = body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    window.parent.postMessage({ hdcBridge: 'resize', height: height }, '*');
  }
  function observe() {
    new ResizeObserver(reportHeight).observe(document.body);
    reportHeight();
  }
  if (document.body) observe();
  else document.addEventListener('DOMContentLoaded', observe);
})();

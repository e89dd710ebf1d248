// Installed in each macro iframe before the macro's bundle: globalThis.__bridge is what the real
// @forge/bridge calls, as it does inside Confluence. Calls go to the host page by postMessage.
(function () {
  'use strict';
  var pending = new Map();
  var nextId = 1;

  window.addEventListener('message', function (event) {
    var data = event.data;
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

  globalThis.__bridge = {
    callBridge: function (name, payload) {
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        pending.set(id, { resolve: resolve, reject: reject });
        window.parent.postMessage({ hdcBridge: 'call', id: id, name: name, payload: payload }, '*');
      }).then(function (value) { return name === 'enableTheming' ? applyTheme(value) : value; });
    },
  };

  // Confluence sizes a macro's iframe to its content.
  function reportHeight() {
    window.parent.postMessage({ hdcBridge: 'resize', height: document.documentElement.scrollHeight }, '*');
  }
  new ResizeObserver(reportHeight).observe(document.documentElement);
  window.addEventListener('load', reportHeight);
})();

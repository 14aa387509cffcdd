// The one exception clerk-js needs under Trusted Types: it starts its timer Worker from a blob:
// URL it made itself, which the Worker constructor only takes as a TrustedScriptURL. This page
// policy accepts exactly same-origin blob: URLs there and nothing else. (Without it, clerk-js
// reports the violation and falls back to ordinary timers; signing in still works.)
if (window.trustedTypes && !new URLSearchParams(location.search).has('no-default-policy')) {
  window.trustedTypes.createPolicy('default', {
    createScriptURL(url, _type, sink) {
      return sink === 'Worker constructor' && url.startsWith(`blob:${location.origin}/`) ? url : null;
    },
  });
}

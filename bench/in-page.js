// Runs in every bench page before its own scripts (an init script). It reports
// moments to the harness through the `__benchMark(name, epochMs, detail)`
// binding, each with the resources finished by then (Resource Timing), so
// nothing is lost when a page reloads itself after signing in.
(() => {
  if (window !== window.top) return;
  const now = () => performance.timeOrigin + performance.now();
  const resources = () =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.startsWith('http'))
      .map((entry) => ({
        name: entry.name,
        type: entry.initiatorType,
        size: entry.encodedBodySize,
        start: performance.timeOrigin + entry.startTime,
        end: performance.timeOrigin + entry.responseEnd,
      }));
  // Layout shifts and long tasks (50 ms or more on the main thread) since navigation.
  const shifts = [];
  const longTasks = [];
  const observers = [];
  const observe = (type, record) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(record));
      observer.observe({ type, buffered: true });
      observers.push([observer, record]);
    } catch {
      // Not in this browser.
    }
  };
  observe('layout-shift', (e) => shifts.push({ at: performance.timeOrigin + e.startTime, value: e.value, recentInput: e.hadRecentInput }));
  observe('longtask', (e) => longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration }));
  const seen = new Set();
  const mark = (name, detail = {}, at = now()) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const [observer, record] of observers) observer.takeRecords().forEach(record);
    try {
      window.__benchMark(name, at, { ...detail, resources: resources(), shifts: [...shifts], longTasks: [...longTasks] });
    } catch {
      // The binding is missing when a page is opened by hand.
    }
  };
  performance.setResourceTimingBufferSize(5000);
  try {
    window.__benchMark('document', performance.timeOrigin, { url: location.href });
  } catch {}

  // The last key the user pressed: the final submit is a key (Enter, or the
  // last digit of a code that submits itself).
  let lastKeyAt = 0;
  addEventListener('keydown', (event) => (lastKeyAt = performance.timeOrigin + event.timeStamp), true);
  addEventListener('signed-in', () => mark('element-signed-in', { lastKeyAt }), true);

  // clerk-js assigns window.Clerk once (script build); hook its status and session.
  let clerk;
  Object.defineProperty(window, 'Clerk', {
    configurable: true,
    enumerable: true,
    get: () => clerk,
    set(value) {
      clerk = value;
      value?.on?.('status', (status) => {
        if (status === 'ready' || status === 'degraded') mark('clerk-loaded', { status });
      });
      value?.addListener?.(({ session }) => {
        if (session?.status === 'active') mark('session-active', { lastKeyAt });
      });
    },
  });

  // With a redirect URL, setActive() navigates as soon as the session is active and
  // skips its own notification (the page is going away): that navigation is the moment.
  addEventListener('beforeunload', () => {
    if (clerk?.client?.sessions?.some((session) => session.status === 'active')) mark('session-active', { lastKeyAt, via: 'navigation' });
  });

  // The first frame in which a text field is on screen and accepts typing.
  const TEXT = /^(|text|email|password|tel|number|search|url)$/;
  const typeable = (input) => {
    if (!TEXT.test(input.type) || input.readOnly || !input.matches(':enabled') || input.tabIndex < 0) return false;
    if (input.closest('[aria-hidden="true"],[inert]')) return false;
    const box = input.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && input.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  };
  const anyTypeable = (root) => {
    for (const input of root.querySelectorAll('input')) if (typeable(input)) return true;
    for (const host of root.querySelectorAll('*')) if (host.shadowRoot && anyTypeable(host.shadowRoot)) return true;
    return false;
  };
  const poll = (frameTime) => {
    if (document.body && anyTypeable(document)) mark('first-input', {}, performance.timeOrigin + frameTime);
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();

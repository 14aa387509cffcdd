// Runs in the account pages after in-page.js (which reports the document and Clerk's `ready`
// status). Reports, through the same `__benchMark` binding, the first frame in which the action
// to add an authenticator app is on screen and clickable (`setup-usable`: our element's
// `add-totp-button`, or the "Add two-step verification" button of Clerk's Security page), and the
// first frame showing the key to scan once it was clicked (`setup-key-shown`: a QR code), each with
// the resources finished by then, the long tasks so far and the time of the user's first click.
(() => {
  if (window !== window.top) return;
  const resources = () =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.startsWith('http'))
      .map((entry) => ({ name: entry.name, size: entry.encodedBodySize, start: performance.timeOrigin + entry.startTime, end: performance.timeOrigin + entry.responseEnd }));
  // Long tasks (50 ms or more on the main thread) since navigation, and the user's first click.
  const longTasks = [];
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration }))).observe({
      type: 'longtask',
      buffered: true,
    });
  } catch {
    // Not in this browser.
  }
  let clickAt = null;
  addEventListener('click', (event) => (clickAt ??= performance.timeOrigin + event.timeStamp), true);
  const report = (name, frameTime) => {
    try {
      window.__benchMark(name, performance.timeOrigin + frameTime, { resources: resources(), longTasks: [...longTasks], clickAt });
    } catch {
      // The binding is missing when a page is opened by hand.
    }
  };

  /** On screen, not hidden or transparent, and the topmost element at its centre (a click there reaches it). */
  const clickable = (element) => {
    if (!element || element.disabled || element.closest('[aria-hidden="true"],[inert]')) return false;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom < 0 || box.top > innerHeight) return false;
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const hit = element.getRootNode().elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !!hit && (hit === element || element.contains(hit));
  };
  const shown = (element) => !!element && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && element.getBoundingClientRect().width > 0;

  const ours = (selector) => document.querySelector('clerk-mfa-setup')?.shadowRoot?.querySelector(selector);
  const clerkButton = (label) => [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === label);
  const addAction = () => ours('[part~="add-totp-button"]') ?? clerkButton('Add two-step verification');
  const key = () => ours('[part~="qr-code"]') ?? document.querySelector('.cl-qrCodeContainer svg');

  const watch = (name, found) => {
    const poll = (frameTime) => (found() ? report(name, frameTime) : requestAnimationFrame(poll));
    requestAnimationFrame(poll);
  };
  watch('setup-usable', () => clickable(addAction()));
  watch('setup-key-shown', () => shown(key()));
})();

// Where Debian puts the browsers the tests run, and which engines a run asks for.
export const browserPaths = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  miniBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfb: '/usr/bin/Xvfb',
};

export const allBrowsers = ['chromium', 'firefox', 'webkit'];

/** Engines named in BROWSERS (comma separated), all three by default. */
export function selectedBrowsers(value = process.env.BROWSERS) {
  if (!value) return allBrowsers;
  const names = value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !allBrowsers.includes(name));
  if (unknown.length) throw new Error(`Unknown BROWSERS entry: ${unknown.join(', ')} (use ${allBrowsers.join(', ')})`);
  return names;
}

/** Chromium flags for automation as root on a machine without a network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Without this, clerk-js sees navigator.webdriver and treats failures as "offline".
  '--disable-blink-features=AutomationControlled',
];

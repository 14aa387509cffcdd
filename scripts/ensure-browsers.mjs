#!/usr/bin/env node
// Finds the browsers the test suite drives (Debian's Chromium, Firefox ESR and WebKitGTK's
// MiniBrowser with WebKitWebDriver, plus Xvfb for MiniBrowser) and installs the missing ones
// with apt-get when running as root. Browser builds are never downloaded by a test tool.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { browserPaths, selectedBrowsers } from './browsers.mjs';

// Chromium always: the Node tests drive it too (framework examples, the packed package).
const wanted = [...new Set(['chromium', ...selectedBrowsers()])];
const packages = {
  chromium: [[browserPaths.chromium, 'chromium']],
  firefox: [[browserPaths.firefox, 'firefox-esr']],
  webkit: [
    [browserPaths.webkitDriver, 'webkit2gtk-driver'],
    [browserPaths.miniBrowser, 'webkit2gtk-driver'],
    [browserPaths.xvfb, 'xvfb'],
  ],
};

const missing = [...new Set(wanted.flatMap((name) => packages[name].filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg)))];
if (missing.length === 0) {
  console.log(`browsers ready: ${wanted.join(', ')}`);
  process.exit(0);
}

if (process.getuid?.() !== 0) {
  console.error(`Missing Debian packages for the browser tests: ${missing.join(' ')}\nInstall them with: sudo apt-get install -y ${missing.join(' ')}\n(or run only some engines: BROWSERS=chromium npm test)`);
  process.exit(1);
}

console.log(`installing ${missing.join(' ')} with apt-get...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });

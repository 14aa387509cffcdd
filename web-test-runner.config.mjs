// Component tests (fake Clerk), the Clerk behaviour contract (the same facts against the fake and
// against the real clerk-js) and integration tests (the real @clerk/clerk-js against the emulator
// mounted at /__clerk) in Chromium, Firefox ESR and WebKit, using Debian's browsers.
// Run with `node --import tsx` so this file can load the TypeScript emulator; pick engines with
// BROWSERS=chromium,firefox,webkit (all three by default).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { browserPaths, chromiumArgs, selectedBrowsers } from './scripts/browsers.mjs';
import { emulatorForTests } from './test/support/wtr-emulator.ts';
import { countReporter } from './test/support/count-reporter.ts';
import { hostileOrigin } from './test/support/hostile-origin.ts';
import { strictPolicyMiddleware } from './test/integration/element/csp/headers.ts';
import { onDemandFaultMiddleware } from './test/support/wtr-on-demand.ts';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
const browsers = selectedBrowsers();
const { middleware: emulatorMiddleware, recorder } = emulatorForTests();

const children = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGTERM')));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not start on port ${port}`);
}

/** MiniBrowser has no headless mode: give it a virtual display when there is none. */
async function ensureDisplay() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb = spawn(browserPaths.xvfb, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  children.push(xvfb);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return display;
}

async function webkit() {
  const display = await ensureDisplay();
  const port = await freePort();
  const driver = spawn(browserPaths.webkitDriver, [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, DISPLAY: display },
  });
  children.push(driver);
  await waitForPort(port);
  return webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: browserPaths.miniBrowser, args: ['--automation'] },
    },
  });
}

const launchers = {
  chromium: () =>
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: browserPaths.chromium, args: chromiumArgs },
    }),
  firefox: () =>
    playwrightLauncher({
      product: 'firefox',
      launchOptions: { channel: 'moz-firefox', executablePath: browserPaths.firefox },
    }),
  webkit,
};

export default {
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/component/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser'] },
  browsers: await Promise.all(browsers.map((name) => launchers[name]())),
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 20000 } },
  reporters: [defaultReporter(), countReporter(recorder)],
  middleware: [strictPolicyMiddleware, onDemandFaultMiddleware, emulatorMiddleware],
  plugins: [esbuildPlugin({ ts: true, tsconfig }), hostileOrigin()],
};

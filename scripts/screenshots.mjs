#!/usr/bin/env node
// npm run screenshots:
// - the three demo themes in light and dark, as docs/theme-<theme>-<scheme>.png (the demo page on
//   Vite, with the emulator at /__clerk);
// - every sign-in step of ours beside Clerk's prebuilt <SignIn /> on the same emulator, desktop and
//   phone, light and dark (plus ours in Arabic on the phone), as docs/steps/<step>-<viewport>-<scheme>.png,
//   with the card heights in docs/steps/heights.json and printed as a table;
// - every view of <clerk-mfa-setup> beside Clerk's <UserProfile /> Security page, as
//   docs/steps/setup-<view>-<viewport>-<scheme>.png.
// `npm run screenshots -- steps` (or `themes`, or `setup`) shoots only that set, `-- steps totp,sms`
// (or `-- setup overview,reverify`) only those. Debian's Chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { browserPaths, chromiumArgs } from './browsers.mjs';
import { shootSetup } from './screenshot-setup.mjs';
import { shootSteps } from './screenshot-steps.mjs';
import { startServer } from '../bench/site.mjs';

const only = process.argv[2];
const onlySteps = process.argv[3]?.split(',') ?? null;
const browser = await chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs });

async function themes() {
  // The demo's users as demo/users.json has them, not as a kept state left them.
  process.env.CLERK_DATA_FILE = join(mkdtempSync(join(tmpdir(), 'screenshots-')), 'emulator-data.json');
  const themeNames = ['default', 'brand', 'mono'];
  const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0 }, logLevel: 'error' });
  await server.listen();
  const base = server.resolvedUrls.local[0];
  try {
    mkdirSync('docs', { recursive: true });
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
      for (const theme of themeNames) {
        await page.goto(`${base}?theme=${theme}&scheme=${scheme}`);
        const element = page.locator('clerk-mfa-sign-in');
        await element.locator('#password').waitFor();
        await page.evaluate(() => document.fonts.ready);
        const path = `docs/theme-${theme}-${scheme}.png`;
        await element.screenshot({ path, animations: 'disabled', caret: 'hide' });
        console.log(path);
      }
      await page.close();
    }
  } finally {
    await server.close();
  }
}

async function steps() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const { emulator, server, url } = await startServer();
  try {
    const rows = [];
    if (only !== 'setup') rows.push(...(await shootSteps({ browser, base: url, emulator, only: onlySteps })));
    if (only !== 'steps') rows.push(...(await shootSetup({ browser, base: url, only: only === 'setup' ? onlySteps : null })));
    console.log('\ncard height in px (ours / Clerk\'s), light scheme:');
    for (const row of rows.filter((r) => r.scheme === 'light')) {
      console.log(`  ${row.step.padEnd(15)} ${row.viewport.padEnd(8)} ${String(row.ours).padStart(4)} / ${row.clerk ?? '–'}${row.oursOverflow ? '  (ours overflows horizontally)' : ''}`);
    }
  } finally {
    await server.close();
  }
}

try {
  if (!only || only === 'themes') await themes();
  if (only !== 'themes') await steps();
} finally {
  await browser.close();
}

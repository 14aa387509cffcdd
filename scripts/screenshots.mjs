#!/usr/bin/env node
// npm run screenshots: the three demo themes in light and dark, as docs/theme-<theme>-<scheme>.png.
// Serves the demo page (Vite, with the emulator at /__clerk) on a free port and shoots the
// element with Debian's Chromium.
import { mkdirSync } from 'node:fs';
import { createServer } from 'vite';
import { chromium } from 'playwright';
import { browserPaths, chromiumArgs } from './browsers.mjs';

const themes = ['default', 'brand', 'mono'];
const schemes = ['light', 'dark'];

const server = await createServer({ configFile: 'vite.config.ts', server: { port: 0 }, logLevel: 'error' });
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs });
try {
  mkdirSync('docs', { recursive: true });
  for (const scheme of schemes) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
    for (const theme of themes) {
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
  await browser.close();
  await server.close();
}

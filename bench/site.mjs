// The bench site: the three pages, the CDN build and @clerk/ui, served with
// the Clerk Frontend API emulator on one origin.
import { copyFileSync, cpSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '../src/emulator/index.ts';
import { SETUP_PAGES } from './setup-bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..');
export const PAGES = ['element', 'prebuilt', 'guide', 'element-preload', 'element-clerk-first'];
export const KEY_MODE = 'production';

/** The installed @clerk/ui: its version and its `dist` folder. */
export function clerkUi() {
  const require = createRequire(join(root, 'package.json'));
  const pkgPath = require.resolve('@clerk/ui/package.json');
  const { version } = JSON.parse(readFileSync(pkgPath, 'utf8'));
  return { version, dist: join(dirname(pkgPath), 'dist') };
}

/**
 * Mirrors a folder with hard links (a copy where linking fails): the emulator serves no file whose
 * real path leaves its static folder, so a symbolic link into node_modules would not be served.
 */
function mirror(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) mirror(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * Writes bench/.work/site: each page with the publishable key filled in,
 * dist/cdn at /cdn, and @clerk/ui at /npm/@clerk/ui@<major>/dist and
 * /npm/@clerk/ui@<version>/dist (ui.browser.js loads its chunks from the latter).
 */
export function writeSite(publishableKey) {
  const site = join(here, '.work', 'site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  for (const page of [...PAGES, ...SETUP_PAGES]) {
    const from = join(here, 'pages', page);
    const to = join(site, page);
    mkdirSync(to);
    for (const file of readdirSync(from)) {
      const text = readFileSync(join(from, file), 'utf8');
      writeFileSync(join(to, file), text.replaceAll('%PUBLISHABLE_KEY%', publishableKey));
    }
  }
  cpSync(join(root, 'dist', 'cdn'), join(site, 'cdn'), { recursive: true });
  const ui = clerkUi();
  for (const tag of [ui.version.split('.')[0], ui.version]) {
    mirror(ui.dist, join(site, 'npm', '@clerk', `ui@${tag}`, 'dist'));
  }
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>bench</title><ul>${PAGES.map((p) => `<li><a href="/${p}/">${p}</a>`).join('')}</ul>\n`,
  );
  return site;
}

/** Starts the emulator with the site as its static root. */
export async function startServer({ onResponse } = {}) {
  const emulator = createEmulator({ users: [], ...(onResponse ? { onResponse } : {}) });
  const publishableKey = emulator.publishableKey(KEY_MODE);
  const staticDir = writeSite(publishableKey);
  const server = await emulator.listen({ staticDir });
  return { emulator, server, url: server.url, publishableKey, staticDir };
}

// The package as users get it: `npm pack`, installed from the tarball into a fresh project outside
// this repository (dependencies from the npm cache or registry), then `import 'clerk-mfa-sign-in'`
// built with Vite, and the CDN file on a plain page, each signing in against the emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, bin, closeBrowser, ensureBuilt, run, signInThrough } from './support.js';
import { EN } from '../../../src/strings.js';
import GERMAN from '../../../src/locales/de-DE.js';

const PAGE_SCRIPT = `
  const signIn = document.querySelector('clerk-mfa-sign-in');
  signIn.addEventListener('signed-in', (event) => {
    event.preventDefault();
    document.querySelector('#status').textContent = 'Signed in as ' + event.detail.userId;
  });`;
const page = (head: string, body = '', lang = 'en') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8" /><title>clerk-mfa-sign-in from npm</title>${head}</head>
<body><p id="status"></p>
<clerk-mfa-sign-in publishable-key="pk_test_Y2xlcmsuZW11bGF0b3IudGVzdCQ=" proxy-url="/__clerk" no-store-credentials></clerk-mfa-sign-in>
${body}</body></html>`;

describe('the packed package in a fresh project', () => {
  let project: string;
  let tarball: string;

  before(async () => {
    await ensureBuilt();
    project = mkdtempSync(join(tmpdir(), 'clerk-mfa-sign-in-package-'));
    const packed = await run('npm', ['pack', '--pack-destination', project, '--json']);
    assert.equal(packed.code, 0, packed.output);
    tarball = join(project, JSON.parse(packed.output.slice(packed.output.indexOf('[')))[0].filename);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }));
    // The package's dependencies come from npm's cache when this machine has them (after `npm ci`).
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball], { cwd: project });
    assert.equal(installed.code, 0, installed.output);
  });
  after(async () => {
    await closeBrowser();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  test('the tarball holds the build, the CDN file, the manifest and the framework typings, and no sources or tests', async () => {
    const installed = join(project, 'node_modules/clerk-mfa-sign-in');
    const files = readdirSync(installed, { recursive: true }).map(String);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cdn/clerk-mfa-sign-in.js', 'custom-elements.json', 'types/react.d.ts', 'types/vue.d.ts', 'types/svelte.d.ts', 'types/jsx.generated.d.ts']) {
      assert.ok(files.includes(file), file);
    }
    assert.deepEqual(files.filter((file) => /^(src|test|demo\/(?!users\.json))/.test(file) || file.endsWith('.map')), []);
  });

  test('its types check in the fresh project: tag name map and typed events', async () => {
    writeFileSync(
      join(project, 'check.ts'),
      `import 'clerk-mfa-sign-in';
import type { SignedInDetail } from 'clerk-mfa-sign-in';
const signIn = document.querySelector('clerk-mfa-sign-in')!;
signIn.publishableKey = 'pk_test_x';
signIn.addEventListener('signed-in', (event) => { const detail: SignedInDetail = event.detail; console.log(detail.userId); });
`,
    );
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: true, module: 'preserve', moduleResolution: 'bundler', target: 'es2022', lib: ['es2023', 'dom'], types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['check.ts'] }));
    const result = await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project });
    assert.equal(result.code, 0, result.output);
  });

  test("import 'clerk-mfa-sign-in' built with Vite signs in", async () => {
    const app = join(project, 'vite-app');
    mkdirSync(app);
    writeFileSync(join(app, 'main.js'), `import 'clerk-mfa-sign-in';\n${PAGE_SCRIPT}\n`);
    writeFileSync(join(app, 'index.html'), page('', '<script type="module" src="./main.js"></script>'));
    const built = await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', app, '--outDir', join(app, 'dist'), '--logLevel', 'warn']);
    assert.equal(built.code, 0, built.output);
    const { text, userId, consoleErrors } = await signInThrough(join(app, 'dist'));
    assert.equal(text, `Signed in as ${userId}`);
    assert.deepEqual(consoleErrors, []);
  });

  const CDN_DIR = '/node_modules/clerk-mfa-sign-in/dist/cdn/';

  /** Signs in on a plain page in `lang` that loads the packed CDN file; what it showed and which of our files it loaded (content hashes dropped). */
  async function signInOnCdnPage(lang: string): Promise<{ codeHeading: string; ours: string[] }> {
    const dir = `cdn-${lang}`;
    mkdirSync(join(project, dir));
    writeFileSync(join(project, dir, 'index.html'), page(`<script type="module" src="${CDN_DIR}clerk-mfa-sign-in.js"></script>`, `<script type="module">${PAGE_SCRIPT}</script>`, lang));
    const { text, userId, consoleErrors, codeHeading, scripts } = await signInThrough(project, { path: `/${dir}/` });
    assert.equal(text, `Signed in as ${userId}`);
    assert.deepEqual(consoleErrors, []);
    const ours = scripts.filter((path) => path.startsWith(CDN_DIR)).map((path) => path.slice(CDN_DIR.length).replace(/-[A-Z0-9]+\.js$/, ''));
    return { codeHeading, ours: ours.sort() };
  }

  test('the CDN file from the package signs in on a plain page, in English without any other file of ours', async () => {
    const { codeHeading, ours } = await signInOnCdnPage('en');
    assert.equal(codeHeading, EN.totpTitle);
    // What the size budget counts for the CDN file (.size-limit.mjs) is all an English sign-in loads.
    assert.deepEqual(ours, ['clerk-mfa-sign-in.js']);
  });

  test('a German page also loads the language loader and the German strings, one file each', async () => {
    const { codeHeading, ours } = await signInOnCdnPage('de');
    assert.equal(codeHeading, GERMAN.totpTitle);
    assert.deepEqual(ours, ['chunks/de-DE', 'chunks/locale-loader', 'clerk-mfa-sign-in.js']);
  });
});

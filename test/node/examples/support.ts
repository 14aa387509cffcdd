// Shared by the framework-example tests: build the package once, run a tool, serve a built app on
// the emulator (same origin as /__clerk) and sign in through it in headless Chromium with a fresh
// TOTP user.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright';
import { createEmulator } from '../../../src/emulator/index.js';

// Where Debian's Chromium is and the flags it needs here (scripts/browsers.mjs, plain JavaScript).
const browsersModule: string = '../../../scripts/browsers.mjs';
const { browserPaths, chromiumArgs } = (await import(browsersModule)) as { browserPaths: { chromium: string }; chromiumArgs: string[] };

export const ROOT = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');
export const OUT = join(ROOT, '.cache/examples');
export const PASSWORD = 'correct horse battery staple';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, stdout and stderr together; never throws on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.replace(/\x1b\[[0-9;]*m/g, '') });
    });
  });
}

/** A tool from node_modules/.bin, run with this Node. */
export const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/**
 * `npm run build` unless dist/ is newer than src/ and the build script. Test files may run in
 * parallel, so one builds while the others wait on a lock directory.
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const lock = join(ROOT, '.cache/examples-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(250);
    }
  }
  try {
    const stamp = join(ROOT, 'dist/cdn/clerk-mfa-sign-in.js');
    const fresh =
      existsSync(stamp) &&
      existsSync(join(ROOT, 'dist/index.d.ts')) &&
      statSync(stamp).mtimeMs >
        Math.max(...['src', 'scripts/build.mjs', 'scripts/minify-templates.mjs'].map((path) => newestMtime(join(ROOT, path))));
    if (!fresh) {
      const result = await run(process.execPath, ['scripts/build.mjs']);
      if (result.code !== 0) throw new Error(`npm run build failed:\n${result.output}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** The errors a type checker reports in `file` (a path fragment), each with its indented continuation lines. */
export function errorsIn(output: string, file: string): string[] {
  const errors: string[] = [];
  let current: string[] | null = null;
  for (const line of output.split('\n')) {
    if (line.includes(file) && /error/i.test(line)) errors.push((current = [line]).join('\n'));
    else if (current && /^\s+\S/.test(line)) {
      current.push(line);
      errors[errors.length - 1] = current.join('\n');
    } else current = null;
  }
  return errors;
}

let browser: Promise<Browser> | null = null;
function launch(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: browserPaths.chromium, args: chromiumArgs });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = null;
}

let userCount = 0;

/**
 * Serves `staticDir` on a fresh emulator, opens `path` (then runs `beforeSignIn`, if given, with
 * the page and the warnings so far) and signs in as a new TOTP user. Resolves
 * with the text of `resultSelector` once it reads "Signed in as user_...", which only the app
 * writes, from its own state, in its `signed-in` handler.
 */
export async function signInThrough(
  staticDir: string,
  options: { path?: string; resultSelector?: string; beforeSignIn?: (page: Page, seen: { consoleWarnings: string[] }) => Promise<void> } = {},
): Promise<{ text: string; userId: string; consoleErrors: string[]; consoleWarnings: string[]; codeHeading: string; scripts: string[] }> {
  const email = `example-${process.pid}-${++userCount}@example.com`;
  const emulator = createEmulator({ users: [{ email, password: PASSWORD, totp_secret: TOTP_SECRET }] });
  const server = await emulator.listen({ port: 0, staticDir });
  const page = await (await launch()).newPage();
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  page.on('console', (message) => {
    // Browsers ask for /favicon.ico on their own; the examples have none.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) consoleErrors.push(message.text());
    if (message.type() === 'warning') consoleWarnings.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  // Every script the page asked for, as paths: what signing in cost in files.
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  // What the element itself reported, to compare with what the app rendered from it.
  await page.addInitScript(() => {
    document.addEventListener('signed-in', (event) => {
      (window as unknown as { signedInDetail: unknown }).signedInDetail = (event as CustomEvent).detail;
    });
  });
  try {
    await page.goto(`${server.url}${options.path ?? '/'}`);
    await options.beforeSignIn?.(page, { consoleWarnings });
    const element = page.locator('clerk-mfa-sign-in');
    await element.locator('input[name="identifier"]').fill(email);
    await element.locator('input[name="password"]').fill(PASSWORD);
    await element.locator('[part~="submit-button"]').click();
    const code = element.locator('input[name="code"]');
    await code.waitFor({ timeout: 20_000 });
    const codeHeading = (await element.locator('h2').textContent())?.trim() ?? '';
    // A complete six-digit code submits by itself.
    await code.fill(new TOTP({ secret: Secret.fromBase32(TOTP_SECRET) }).generate());
    const result = page.locator(options.resultSelector ?? '#status');
    await result.filter({ hasText: /Signed in as user_/ }).waitFor({ timeout: 20_000 });
    const detail = await page.evaluate(() => (window as unknown as { signedInDetail: { userId: string } }).signedInDetail);
    return { text: (await result.textContent())?.trim() ?? '', userId: detail.userId, consoleErrors, consoleWarnings, codeHeading, scripts };
  } finally {
    await page.close();
    await server.close();
  }
}

export interface ExampleSpec {
  /** Folder under demo/. */
  name: string;
  title: string;
  /** The type checker over the app plus its fixtures/ (files that must not compile). */
  typecheck: { command: string; args: string[]; tool: string };
  /** Fixture path fragment → the error it must produce. */
  expectedErrors: Record<string, RegExp>;
  /** Builds the app into `outDir`. */
  build: (outDir: string) => Promise<RunResult>;
  /** The folder inside outDir that holds index.html, when not outDir itself. */
  served?: string;
}

/** The four tests every framework example gets: types, types that must fail, build, sign-in. */
export function describeExample(spec: ExampleSpec): void {
  const app = join(ROOT, 'demo', spec.name);
  const outDir = join(OUT, spec.name);
  let typecheck: Promise<RunResult>;

  describe(`${spec.title} example (demo/${spec.name})`, () => {
    before(async () => {
      await ensureBuilt();
      typecheck = run(spec.typecheck.command, spec.typecheck.args, { cwd: app });
    });
    after(closeBrowser);

    test(`type-checks with ${spec.typecheck.tool}`, async () => {
      const { output } = await typecheck;
      const fixtureFiles = Object.keys(spec.expectedErrors);
      const appErrors = output
        .split('\n')
        .filter((line) => /\berror\b/i.test(line) && /\.(ts|tsx|vue|svelte|html)\b/.test(line))
        .filter((line) => !line.includes('fixtures/') && !fixtureFiles.some((file) => line.includes(file)));
      assert.deepEqual(appErrors, [], output);
    });

    test('a wrong attribute type, event name or event detail is a compile error', async () => {
      const { code, output } = await typecheck;
      assert.notEqual(code, 0, output);
      for (const [file, pattern] of Object.entries(spec.expectedErrors)) {
        assert.match(errorsIn(output, file).join('\n'), pattern, `${file}:\n${output}`);
      }
    });

    test('builds', async () => {
      const result = await spec.build(outDir);
      assert.equal(result.code, 0, result.output);
    });

    test(`signs in against the emulator; ${spec.title} state shows the user from signed-in`, async () => {
      const { text, userId, consoleErrors } = await signInThrough(join(outDir, spec.served ?? ''));
      assert.match(userId, /^user_/);
      assert.equal(text, `Signed in as ${userId}`);
      assert.deepEqual(consoleErrors, []);
    });
  });
}

/** `vite build` of a demo folder (its own vite.config.ts). */
export const viteBuild = (name: string) => (outDir: string) =>
  run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', join(ROOT, 'demo', name), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);

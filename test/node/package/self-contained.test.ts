// The repository carries everything it needs: no source, script, config, test or page names a
// path above the repository root (such as a `shared/` folder beside a developer's checkout).
// `.ci/run` also runs the suite in a clone placed alone in an empty temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.cache', '.git', 'coverage', '.work', 'test-results', '.angular']);
const TEXT = new Set(['.ts', '.mts', '.mjs', '.js', '.cjs', '.json', '.sh', '.html', '.vue', '.svelte', '.css', '']);
const SKIP_FILES = new Set(['package-lock.json', 'custom-elements.json', 'bench/results.json']);
/** Files whose relative paths are written into a generated file elsewhere, and read from there. */
const READ_FROM: Record<string, string> = { 'custom-elements-manifest.config.mjs': 'types' };

function* projectFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* projectFiles(path);
    } else if (entry.isFile() && TEXT.has(extname(entry.name)) && !SKIP_FILES.has(relative(root, path))) {
      yield path;
    }
  }
}

/** Quoted strings that start with `../` and, read from the file's own folder, leave the repository. */
function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
    const from = READ_FROM[relative(root, file)];
    const target = resolve(from ? join(root, from) : dirname(file), match[1]!);
    if (target !== root && !target.startsWith(root + sep)) found.push(match[1]!);
  }
  // A folder named `shared` beside the repository, however the path is built.
  for (const match of text.matchAll(/\.\.[/\\]shared\b|['"`]shared\/clerk-fapi/g)) found.push(match[0]);
  return found;
}

test('no file of the project reads a path outside the repository', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const file of projectFiles(root)) {
    if (file === fileURLToPath(import.meta.url)) continue;
    checked++;
    for (const path of escapes(file, readFileSync(file, 'utf8'))) offenders.push(`${relative(root, file)}: ${path}`);
  }
  assert.ok(checked > 100, `only ${checked} files were checked`);
  assert.deepEqual(offenders, []);
});

test('the guard itself finds a path above the root', () => {
  const file = join(root, 'test/support/fapi-conformance.ts');
  assert.deepEqual(escapes(file, "resolve(here, '../../../shared/clerk-fapi/2026-05-12.yml')").length, 2);
  assert.deepEqual(escapes(file, "new URL('./clerk-fapi/2026-05-12.yml', import.meta.url); import '../../src/index.js'"), []);
});

test("the conformance checker's spec is the repository's own copy, with its licence", () => {
  const folder = join(root, 'test/support/clerk-fapi');
  assert.match(readFileSync(join(folder, '2026-05-12.yml'), 'utf8'), /^openapi: 3\./m);
  assert.match(readFileSync(join(folder, 'LICENSE'), 'utf8'), /Copyright \(c\) \d{4} Clerk/);
  assert.match(readFileSync(join(folder, 'README.md'), 'utf8'), /2026-05-12/);
});

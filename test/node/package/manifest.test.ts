// custom-elements.json is committed for tools (IDEs, Storybook, framework typings); it must be
// what the analyzer makes from the element's JSDoc today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

test('the committed custom-elements.json matches the source (run `npm run manifest` after changing the JSDoc)', () => {
  // The analyzer takes --outdir relative to the working directory.
  mkdirSync('.cache', { recursive: true });
  const outdir = mkdtempSync('.cache/manifest-');
  try {
    execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir], { stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    assert.deepEqual(committed, fresh);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('the manifest describes the element users see: tag, events, parts and custom properties', () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const element = manifest.modules
    .flatMap((module: { declarations?: unknown[] }) => module.declarations ?? [])
    .find((declaration: { customElement?: boolean }) => declaration.customElement);
  assert.equal(element.tagName, 'clerk-mfa-sign-in');
  assert.equal(element.name, 'ClerkMfaSignInElement');
  const names = (list: { name: string }[] = []) => list.map((item) => item.name);
  for (const event of ['signed-in', 'task-required', 'sign-in-error', 'step-change']) assert.ok(names(element.events).includes(event), event);
  for (const part of ['form', 'heading', 'label', 'input', 'identifier-input', 'password-input', 'code-input', 'submit-button', 'back-button', 'method-button', 'error', 'message']) {
    assert.ok(names(element.cssParts).includes(part), part);
  }
  for (const attribute of ['publishable-key', 'proxy-url', 'email', 'after-sign-in-url', 'allowed-redirect-origins']) assert.ok(names(element.attributes).includes(attribute), attribute);
  assert.ok(element.cssProperties.length >= 10);
  for (const property of element.cssProperties) {
    assert.match(property.name, /^--clerk-mfa-sign-in-/);
    assert.ok(property.default, `${property.name} documents its default`);
  }
});

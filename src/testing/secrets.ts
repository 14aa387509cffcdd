/**
 * Finding secrets where they must not be (`SignInHarness.leakedSecrets`), and recording what is
 * logged to the console so it can be searched too (`recordConsole`).
 */
import type { ClerkMfaSignInElement } from '../clerk-mfa-sign-in.js';

/** Which of `secrets` can be found in the page around `el` (see `SignInHarness.leakedSecrets`). */
export function secretsFoundIn(
  el: ClerkMfaSignInElement,
  secrets: readonly string[],
  options: { fieldValues?: boolean; console?: ConsoleRecording } = {},
): string[] {
  const root = el.shadowRoot!;
  const nodes = [el, ...el.querySelectorAll('*'), ...root.querySelectorAll('*')];
  const haystacks = [
    el.outerHTML,
    root.innerHTML,
    document.documentElement.outerHTML,
    ...nodes.flatMap((n) => [...n.attributes].map((a) => a.value)),
    location.href,
    safeJson(history.state),
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
    document.cookie,
    ...storageValues(localStorage),
    ...storageValues(sessionStorage),
  ];
  if (options.fieldValues) haystacks.push(...[...root.querySelectorAll('input')].map((i) => i.value));
  if (options.console) haystacks.push(...options.console.lines);
  // Decoded too, so a secret in a percent-encoded URL is found.
  const decoded = haystacks.map(safeDecode);
  return secrets.filter((secret) => haystacks.some((h) => h.includes(secret)) || decoded.some((h) => h.includes(secret)));
}

/** What `recordConsole()` captured: one string per logged argument. */
export interface ConsoleRecording {
  readonly lines: string[];
  /** Puts the original console methods back. */
  restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert', 'count', 'timeLog'] as const;

/**
 * Wraps every console method so each logged argument is kept as text (objects as JSON, errors
 * with their stack), for `leakedSecrets(..., { console })`. Logging still reaches the console.
 */
export function recordConsole(target: Console = console): ConsoleRecording {
  const lines: string[] = [];
  const originals = new Map<string, unknown>();
  for (const method of CONSOLE_METHODS) {
    const original = target[method] as ((...args: unknown[]) => void) | undefined;
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    (target as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      for (const arg of args) lines.push(describe(arg));
      return original.apply(target, args);
    };
  }
  return {
    lines,
    restore() {
      for (const [method, original] of originals) (target as unknown as Record<string, unknown>)[method] = original;
    },
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  return safeJson(value);
}

function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[circular]';
          seen.add(v);
          if (v instanceof Node) return (v as Element).outerHTML ?? v.textContent;
        }
        return typeof v === 'bigint' || typeof v === 'function' ? String(v) : v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function storageValues(storage: Storage): string[] {
  const values: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key != null) values.push(key, storage.getItem(key) ?? '');
  }
  return values;
}

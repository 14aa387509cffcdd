// The npm start page: the sign-in, and below it the account page's <clerk-mfa-setup>, against
// the emulator, with every event they fire logged.
import '../src/index.js';
import '../src/setup/index.js';

const element = document.querySelector('clerk-mfa-sign-in')!;
const setup = document.querySelector('clerk-mfa-setup')!;
const log = document.querySelector<HTMLPreElement>('#log')!;

const key =
  (import.meta as { env?: Record<string, string | undefined> }).env?.['VITE_CLERK_PUBLISHABLE_KEY'] ??
  document.querySelector<HTMLMetaElement>('meta[name="clerk-publishable-key"]')?.content ??
  '';
element.setAttribute('publishable-key', key);
setup.setAttribute('publishable-key', key);

function write(line: string): void {
  const time = new Date().toLocaleTimeString();
  log.textContent = `${time}  ${line}\n${log.textContent ?? ''}`;
}

for (const type of ['step-change', 'sign-in-error', 'signed-in', 'task-required'] as const) {
  element.addEventListener(type, (event) => write(`${type} ${JSON.stringify(event.detail)}`));
}
for (const type of ['mfa-changed', 'mfa-error'] as const) {
  setup.addEventListener(type, (event) => write(`${type} ${JSON.stringify(event.detail)}`));
}

// Theming panel: a theme is a class on the element (custom properties and ::part rules in
// index.html); the colour scheme is the element's CSS color-scheme. ?theme=brand&scheme=dark
// in the address picks them on load.
const theming = document.querySelector<HTMLFormElement>('#theming')!;
function applyTheming(): void {
  const data = new FormData(theming);
  const theme = String(data.get('theme') ?? 'default');
  const scheme = String(data.get('scheme') ?? 'auto');
  for (const el of [element, setup]) {
    el.classList.remove('theme-brand', 'theme-mono');
    if (theme !== 'default') el.classList.add(`theme-${theme}`);
    el.style.colorScheme = scheme === 'auto' ? '' : scheme;
  }
  document.documentElement.style.colorScheme = scheme === 'auto' ? '' : scheme;
}
const params = new URLSearchParams(location.search);
for (const name of ['theme', 'scheme']) {
  const wanted = params.get(name);
  const input = wanted ? theming.querySelector<HTMLInputElement>(`input[name="${name}"][value="${CSS.escape(wanted)}"]`) : null;
  if (input) input.checked = true;
}
theming.addEventListener('change', () => {
  applyTheming();
  const data = new FormData(theming);
  write(`theme ${String(data.get('theme'))}, colour scheme ${String(data.get('scheme'))}`);
});
applyTheming();

document.querySelector('#sign-out')!.addEventListener('click', async () => {
  const clerk = window.Clerk as { signOut?: (options?: { redirectUrl?: string }) => Promise<void> } | undefined;
  await clerk?.signOut?.({ redirectUrl: location.pathname });
  location.reload();
});

write('ready: sign in with the demo user printed in the terminal');

// The npm start page: the element against the emulator, with every event it fires logged.
import '../src/index.js';

const element = document.querySelector('clerk-mfa-sign-in')!;
const log = document.querySelector<HTMLPreElement>('#log')!;

const key =
  (import.meta as { env?: Record<string, string | undefined> }).env?.['VITE_CLERK_PUBLISHABLE_KEY'] ??
  document.querySelector<HTMLMetaElement>('meta[name="clerk-publishable-key"]')?.content ??
  '';
element.setAttribute('publishable-key', key);

function write(line: string): void {
  const time = new Date().toLocaleTimeString();
  log.textContent = `${time}  ${line}\n${log.textContent ?? ''}`;
}

for (const type of ['step-change', 'sign-in-error', 'signed-in', 'task-required'] as const) {
  element.addEventListener(type, (event) => write(`${type} ${JSON.stringify(event.detail)}`));
}

document.querySelector('#sign-out')!.addEventListener('click', async () => {
  const clerk = window.Clerk as { signOut?: (options?: { redirectUrl?: string }) => Promise<void> } | undefined;
  await clerk?.signOut?.({ redirectUrl: location.pathname });
  location.reload();
});

write('ready: sign in with the demo user printed in the terminal');

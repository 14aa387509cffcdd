/**
 * Copying a secret or the backup codes, and saving the codes as a text file: for the enrolment
 * and for `<clerk-mfa-setup>`'s regenerated codes. Nothing is kept.
 */

/** Copies `text`; without the Clipboard API (or its permission), selects `select` for the user to copy. `true`: copied. */
export async function copyText(text: string, select: Element | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const selection = getSelection();
    if (select && selection) selection.selectAllChildren(select);
    return false;
  }
}

/** Saves the codes as a text file (a Blob URL: allowed under a strict Content Security Policy). */
export function downloadText(codes: readonly string[], fileName = 'backup-codes.txt'): void {
  const url = URL.createObjectURL(new Blob([codes.join('\n') + '\n'], { type: 'text/plain' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

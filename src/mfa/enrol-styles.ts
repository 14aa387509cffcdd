/**
 * What the enrolment views add to the element's stylesheet (whose classes and private
 * `--_*` custom properties they share): the QR code, the key, the backup codes, the checkbox.
 * Adopted as a constructed stylesheet, which a strict Content Security Policy allows.
 */
const CSS = `
.qr{display:block;inline-size:12rem;max-inline-size:100%;block-size:auto;margin-inline:auto;border-radius:calc(var(--_radius)*.5);outline:1px solid var(--_border)}
.secret{display:grid;gap:calc(var(--_spacing)*.25)}
.secret-line,.actions{display:flex;flex-wrap:wrap;align-items:center;gap:calc(var(--_spacing)*.5) var(--_spacing);margin:0}
.secret code,.codes{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.05em;user-select:all}
.secret code{font-size:1.05em;overflow-wrap:normal}
.codes{display:grid;grid-template-columns:repeat(2,1fr);gap:calc(var(--_spacing)*.5);margin:0;padding:var(--_spacing);list-style:none;background:var(--_subtle);border-radius:calc(var(--_radius)*.75);text-align:center}
.check{display:flex;align-items:center;gap:calc(var(--_spacing)*.5);cursor:pointer}
.check input{inline-size:1.15em;block-size:1.15em;margin:0;accent-color:var(--_accent)}
.check input:focus-visible{outline:none;box-shadow:var(--_focus-ring)}
/* Beside the views, not inside one: a long email is cut short, not the card widened. */
.identity{min-inline-size:0}
`;

let sheet: CSSStyleSheet | undefined;

/** Adds the enrolment's rules to `root`, once. */
export function adoptEnrolStyles(root: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * The authenticator app's QR code, drawn here from `uqr`'s matrix as one SVG path: no image from
 * a third party, no inline style (fine under a strict Content Security Policy), and crisp at any
 * size. Dark modules on a light square with the quiet zone QR readers need, whatever the theme.
 */
import { encode } from 'uqr';

/** Modules of light margin around the code (the standard's quiet zone). */
const QUIET = 4;

/** The path of the dark modules: one rectangle per horizontal run. */
export function qrPath(text: string): { size: number; d: string } {
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let end = x;
      while (row[end + 1]) end++;
      d += `M${x + QUIET} ${y + QUIET}h${end - x + 1}v1h${x - end - 1}z`;
      x = end;
    }
  });
  return { size: size + 2 * QUIET, d };
}

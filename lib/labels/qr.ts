// QR codes drawn by us: the `qrcode` package (already a dependency, MIT, engines node ≥ 10) encodes
// the text into a module matrix, and we turn the matrix into one SVG path. No HTML string is
// injected into a page, and the label prints crisp at any size.
import QRCode from 'qrcode';

export interface QrPath {
  /** modules per side, quiet zone included (the viewBox is size × size) */
  size: number;
  /** an SVG path of the dark modules, one rectangle per horizontal run */
  d: string;
}

/** Error correction M (15 %): a label scuffed at a stall still scans. `margin` is the quiet zone in modules (ISO/IEC 18004 asks 4). */
export function qrPath(text: string, margin = 4): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      parts.push(`M${start + margin} ${row + margin}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: n + 2 * margin, d: parts.join('') };
}

import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../lib/labels/qr.ts';

/** The dark modules the path draws, as "row,col" (quiet zone removed). */
function drawn(d: string, margin: number): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let col = Number(x); col < Number(x) + Number(w); col++) cells.add(`${Number(y) - margin},${col - margin}`);
  }
  return cells;
}

describe('qrPath', () => {
  const text = 'https://sunshine.example.cn/s/ACS15-2611-12345';

  it('draws exactly the dark modules of the code, inside a quiet zone', () => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, d } = qrPath(text);
    expect(size).toBe(modules.size + 8);
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row++) for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.add(`${row},${col}`);
    expect(drawn(d, 4)).toEqual(expected);
  });

  it('has the three finder patterns in their corners', () => {
    const { size, d } = qrPath(text, 0);
    const cells = drawn(d, 0);
    for (const [row, col] of [[0, 0], [0, size - 7], [size - 7, 0]] as const) {
      for (let i = 0; i < 7; i++) {
        expect(cells.has(`${row},${col + i}`)).toBe(true); // top edge of the ring
        expect(cells.has(`${row + 6},${col + i}`)).toBe(true); // bottom edge
      }
      expect(cells.has(`${row + 1},${col + 1}`)).toBe(false); // the light ring inside
      expect(cells.has(`${row + 3},${col + 3}`)).toBe(true); // the dark centre
    }
  });
});

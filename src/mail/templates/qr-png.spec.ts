import { describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { qrPng } from './qr-png.js';

describe('qrPng', () => {
  it('draws exactly the modules of the library’s QR code, with a quiet zone', () => {
    const code = 'ABCDEFGHJKMNPQRSTVWXYZ2345';
    const image = PNG.sync.read(qrPng(code));
    const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
    const total = modules.size + 8;
    const scale = image.width / total;
    expect(Number.isInteger(scale)).toBe(true);
    expect(image.height).toBe(image.width);
    const dark = (x: number, y: number) => image.data[(y * image.width + x) * 4] < 128;
    for (let my = -4; my < modules.size + 4; my++) {
      for (let mx = -4; mx < modules.size + 4; mx++) {
        const inside = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size;
        const want = inside && Boolean(modules.get(my, mx));
        // The centre pixel of each module's square.
        const x = (mx + 4) * scale + Math.floor(scale / 2);
        const y = (my + 4) * scale + Math.floor(scale / 2);
        expect([mx, my, dark(x, y)]).toEqual([mx, my, want]);
      }
    }
  });
});

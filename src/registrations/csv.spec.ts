import { describe, expect, it } from '@jest/globals';
import { newCheckInCode } from './check-in-code.js';
import { safeCell, toCsv } from './csv.js';

describe('CSV export cells', () => {
  it.each(['=1+1', '+7 701', '-2', '@SUM(A1)', '\tx', '\rx'])(
    'neutralises a formula-like cell %j with a leading apostrophe',
    (value) => {
      expect(safeCell(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text, numbers and empty cells alone', () => {
    expect(safeCell('Айгерім')).toBe('Айгерім');
    expect(safeCell(3)).toBe('3');
    expect(safeCell(null)).toBe('');
  });

  it('starts with a BOM and quotes commas, quotes and new lines', () => {
    const csv = toCsv(['name', 'note'], [['佐藤, さくら', 'say "hi"\nbye']]);
    expect(csv.startsWith('\uFEFFname,note\r\n')).toBe(true);
    expect(csv).toContain('"佐藤, さくら","say ""hi""\nbye"');
  });
});

describe('check-in codes', () => {
  it('are 26 base32 characters (130 random bits) and do not repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, newCheckInCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{26}$/);
  });
});

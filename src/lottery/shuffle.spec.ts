import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parseSeed, seedCommitment, SeedStream, shuffle } from './shuffle.js';

const SEED = parseSeed('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const ids = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `00000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
  );
const seedOf = (label: string) => createHash('sha256').update(label).digest();

describe('shuffle (fisher-yates-hmac-sha256-v1)', () => {
  it('matches the published test vector (computed by an independent Python implementation)', () => {
    expect(seedCommitment(SEED)).toBe(
      '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    );
    const suffixes = shuffle(SEED, ids(12)).map((id) => id.slice(-2));
    expect(suffixes).toEqual([
      '01',
      '04',
      '03',
      '0c',
      '09',
      '08',
      '05',
      '02',
      '0b',
      '06',
      '07',
      '0a',
    ]);
  });

  it('gives the same order for the same seed and applications, whatever order they come in', () => {
    const list = ids(500);
    const first = shuffle(seedOf('a'), list);
    expect(shuffle(seedOf('a'), [...list].reverse())).toEqual(first);
    expect(new Set(first)).toEqual(new Set(list));
  });

  it('gives another order for another seed', () => {
    const list = ids(500);
    expect(shuffle(seedOf('b'), list)).not.toEqual(shuffle(seedOf('a'), list));
  });

  it('handles no application and a single one', () => {
    expect(shuffle(SEED, [])).toEqual([]);
    expect(shuffle(SEED, ids(1))).toEqual(ids(1));
  });

  it('refuses a duplicate id and a malformed seed', () => {
    expect(() => shuffle(SEED, [...ids(3), ids(3)[1]])).toThrow('duplicate');
    expect(() => parseSeed('00ff')).toThrow();
    expect(() => parseSeed('G'.repeat(64))).toThrow();
  });

  it('draws uniform integers without modulo bias (rejection sampling)', () => {
    // m = 3·2^30: a quarter of the words is above the largest multiple and must be rejected.
    const stream = new SeedStream(seedOf('bias'));
    const m = 3 * 2 ** 30;
    const thirds = [0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) thirds[Math.floor(stream.uniform(m) / 2 ** 30)] += 1;
    // Without rejection the first third would get half of the draws; here each ≈ n/3.
    const chi = thirds.reduce((s, o) => s + (o - n / 3) ** 2 / (n / 3), 0);
    expect(chi).toBeLessThan(13.8); // χ²(2) at p = 0.001
  });

  it('puts each application first equally often (χ² over many seeds)', () => {
    const list = ids(20);
    const firsts = new Map(list.map((id) => [id, 0]));
    const rounds = 6000;
    for (let r = 0; r < rounds; r++) {
      const [first] = shuffle(seedOf(`first-${r}`), list);
      firsts.set(first, firsts.get(first)! + 1);
    }
    const expected = rounds / list.length;
    const chi = [...firsts.values()].reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(chiSquareCritical(list.length - 1));
  });
});

/** The χ² value exceeded with probability 0.001 for k degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(k: number): number {
  const z = 3.0902; // the standard normal's 0.999 quantile
  const a = 2 / (9 * k);
  return k * (1 - a + z * Math.sqrt(a)) ** 3;
}

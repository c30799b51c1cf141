import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { allocate, type DrawApplicant, type DrawQuota } from './allocate.js';
import { shuffle } from './shuffle.js';

const seedOf = (label: string) => createHash('sha256').update(label).digest();
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The χ² value exceeded with probability 0.001 for k degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(k: number): number {
  const z = 3.0902;
  const a = 2 / (9 * k);
  return k * (1 - a + z * Math.sqrt(a)) ** 3;
}

function solo(n: number, country = 'KZ'): DrawApplicant {
  return { registrationId: id(n), country, partyLeaderId: null };
}

function party(leader: number, members: number[], country = 'KZ'): DrawApplicant[] {
  return [leader, ...members].map((n, i) => ({
    registrationId: id(n),
    country: i === 0 ? country : 'DE',
    partyLeaderId: id(leader),
  }));
}

function run(capacity: number, quotas: DrawQuota[], applicants: DrawApplicant[], order: number[]) {
  return allocate(capacity, quotas, order.map(id), applicants);
}

const outcomes = (a: ReturnType<typeof allocate>) =>
  Object.fromEntries(
    a.entries.map((e) => [Number.parseInt(e.registrationId.slice(-12), 16), e.outcome]),
  );

describe('allocate', () => {
  it('seats the first drawn up to capacity and waitlists the rest in drawn order', () => {
    const a = run(
      2,
      [],
      [1, 2, 3, 4].map((n) => solo(n)),
      [3, 1, 4, 2],
    );
    expect(outcomes(a)).toEqual({ 3: 'general', 1: 'general', 4: 'waitlist', 2: 'waitlist' });
    expect(a.waitlist).toEqual([id(4), id(2)]);
    expect(a.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
  });

  it('seats a party whole, draws it at its leader and lists its members after the leader', () => {
    // Member 5 is drawn first, but the party's place is its leader's (4th).
    const applicants = [solo(1), solo(2), solo(3), ...party(4, [5, 6])];
    const a = run(5, [], applicants, [5, 1, 2, 4, 3, 6]);
    expect(outcomes(a)).toEqual({
      5: 'general',
      1: 'general',
      2: 'general',
      4: 'general',
      6: 'general',
      3: 'waitlist',
    });
    const b = run(3, [], applicants, [5, 1, 2, 4, 3, 6]);
    expect(outcomes(b)).toMatchObject({ 1: 'general', 2: 'general', 3: 'general' });
    expect(b.waitlist).toEqual([id(4), id(5), id(6)]);
  });

  it('never splits a party: one larger than the seats left is skipped and the next drawn takes them', () => {
    const applicants = [solo(1), ...party(2, [3, 4]), solo(5), solo(6)];
    const a = run(3, [], applicants, [1, 2, 3, 4, 5, 6]);
    // After 1, two seats are left: the party of three is skipped, 5 and 6 take them.
    expect(outcomes(a)).toEqual({
      1: 'general',
      2: 'waitlist',
      3: 'waitlist',
      4: 'waitlist',
      5: 'general',
      6: 'general',
    });
    // The skipped party keeps its drawn place at the head of the waitlist.
    expect(a.waitlist).toEqual([id(2), id(3), id(4)]);
  });

  it('never splits a party, whatever the seats left (property over random draws)', () => {
    const applicants = [
      ...party(1, [2, 3, 4, 5, 6, 7]),
      ...party(8, [9, 10]),
      ...party(11, [12]),
      ...Array.from({ length: 20 }, (_, i) => solo(20 + i, i % 2 ? 'US' : 'JP')),
    ];
    const ids = applicants.map((a) => a.registrationId);
    for (let r = 0; r < 300; r++) {
      const capacity = 1 + (r % 30);
      const a = allocate(
        capacity,
        [{ country: 'US', seats: Math.min(3, capacity) }],
        shuffle(seedOf(`p${r}`), ids),
        applicants,
      );
      const byLot = new Map<string, Set<string>>();
      for (const e of a.entries)
        byLot.set(e.lot, (byLot.get(e.lot) ?? new Set()).add(e.outcome === 'waitlist' ? 'w' : 's'));
      for (const kinds of byLot.values()) expect(kinds.size).toBe(1);
      const seated = a.entries.filter((e) => e.outcome !== 'waitlist').length;
      expect(seated).toBeLessThanOrEqual(capacity);
      expect(seated).toBe(a.seatedFromPool + a.seatedFromQuota);
      expect(a.waitlist).toHaveLength(applicants.length - seated);
    }
  });

  it('fills each quota from its country first, in drawn order, then the general pool', () => {
    const applicants = [
      solo(1, 'KZ'),
      solo(2, 'KZ'),
      solo(3, 'KZ'),
      solo(4, 'US'),
      solo(5, 'JP'),
      solo(6, 'US'),
    ];
    const a = run(
      3,
      [
        { country: 'US', seats: 1 },
        { country: 'JP', seats: 1 },
      ],
      applicants,
      [1, 2, 3, 6, 5, 4],
    );
    expect(outcomes(a)).toEqual({
      6: 'quota',
      5: 'quota',
      1: 'general',
      2: 'waitlist',
      3: 'waitlist',
      4: 'waitlist',
    });
    expect(a.seatedFromQuota).toBe(2);
  });

  it('releases unused quota seats into the general pool', () => {
    const applicants = [solo(1, 'KZ'), solo(2, 'KZ'), solo(3, 'KZ'), solo(4, 'US')];
    const a = run(
      3,
      [
        { country: 'US', seats: 2 },
        { country: 'CN', seats: 1 },
      ],
      applicants,
      [1, 2, 3, 4],
    );
    // One US applicant uses one quota seat; the other US seat and the CN seat go to KZ fans.
    expect(outcomes(a)).toEqual({ 4: 'quota', 1: 'general', 2: 'general', 3: 'waitlist' });
  });

  it('seats a party from its leader country quota', () => {
    const applicants = [solo(1, 'KZ'), ...party(2, [3], 'JP')];
    const a = run(2, [{ country: 'JP', seats: 2 }], applicants, [1, 3, 2]);
    expect(outcomes(a)).toEqual({ 1: 'waitlist', 2: 'quota', 3: 'quota' });
  });

  it('treats members of a party whose leader is not in the draw as single applicants', () => {
    const applicants = [solo(1), { registrationId: id(2), country: 'KZ', partyLeaderId: id(9) }];
    const a = run(1, [], applicants, [2, 1]);
    expect(outcomes(a)).toEqual({ 2: 'general', 1: 'waitlist' });
  });

  it('honours quotas exactly whenever their countries have enough applicants', () => {
    const countries = ['US', 'JP', 'CN', 'DE', 'KZ'];
    const applicants = Array.from({ length: 200 }, (_, i) => solo(i + 1, countries[i % 5]));
    const quotas = [
      { country: 'US', seats: 10 },
      { country: 'JP', seats: 7 },
      { country: 'CN', seats: 5 },
      { country: 'DE', seats: 3 },
    ];
    for (let r = 0; r < 50; r++) {
      const a = allocate(
        60,
        quotas,
        shuffle(
          seedOf(`q${r}`),
          applicants.map((x) => x.registrationId),
        ),
        applicants,
      );
      for (const q of quotas) {
        expect(
          a.entries.filter((e) => e.outcome === 'quota' && e.country === q.country),
        ).toHaveLength(q.seats);
      }
      expect(a.entries.filter((e) => e.outcome === 'quota' && e.country === 'KZ')).toHaveLength(0);
      expect(a.seatedFromQuota + a.seatedFromPool).toBe(60);
    }
  });

  it('gives every applicant the same chance, capacity / applicants (χ² over many draws)', () => {
    const n = 40;
    const capacity = 10;
    const rounds = 4000;
    const applicants = Array.from({ length: n }, (_, i) => solo(i + 1));
    const ids = applicants.map((a) => a.registrationId);
    const seats = new Map(ids.map((x) => [x, 0]));
    for (let r = 0; r < rounds; r++) {
      const a = allocate(capacity, [], shuffle(seedOf(`fair-${r}`), ids), applicants);
      for (const e of a.entries)
        if (e.outcome !== 'waitlist') seats.set(e.registrationId, seats.get(e.registrationId)! + 1);
    }
    const p = capacity / n;
    const variance = rounds * p * (1 - p);
    const chi = [...seats.values()].reduce((s, o) => s + (o - rounds * p) ** 2 / variance, 0);
    expect(chi).toBeLessThan(chiSquareCritical(n - 1));
    // And no one is far off on their own (5 standard deviations).
    for (const o of seats.values())
      expect(Math.abs(o - rounds * p)).toBeLessThan(5 * Math.sqrt(variance));
  });

  it('gives the applicants of a quota country the same chance among themselves', () => {
    const rounds = 3000;
    const applicants = Array.from({ length: 30 }, (_, i) => solo(i + 1, i < 12 ? 'US' : 'KZ'));
    const ids = applicants.map((a) => a.registrationId);
    const seats = new Map(ids.map((x) => [x, 0]));
    for (let r = 0; r < rounds; r++) {
      const a = allocate(
        9,
        [{ country: 'US', seats: 4 }],
        shuffle(seedOf(`quota-fair-${r}`), ids),
        applicants,
      );
      for (const e of a.entries)
        if (e.outcome !== 'waitlist') seats.set(e.registrationId, seats.get(e.registrationId)! + 1);
    }
    for (const group of [ids.slice(0, 12), ids.slice(12)]) {
      const counts = group.map((x) => seats.get(x)!);
      const p = counts.reduce((s, o) => s + o, 0) / (group.length * rounds);
      const variance = rounds * p * (1 - p);
      const chi = counts.reduce((s, o) => s + (o - rounds * p) ** 2 / variance, 0);
      expect(chi).toBeLessThan(chiSquareCritical(group.length - 1));
    }
  });

  it('refuses an order that does not match the applicants', () => {
    expect(() => run(1, [], [solo(1), solo(2)], [1])).toThrow();
    expect(() => run(1, [], [solo(1)], [2])).toThrow();
  });
});

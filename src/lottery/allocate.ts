/**
 * Who gets a seat at a draw, given the drawn order: a pure function, so the draw, its tests and
 * `verify-draw` all run the very same rules (API.md, "Fair allocation: lottery events").
 *
 * A lot is what is drawn: a fan applying alone, or a party (its leader and the friends who
 * joined). Every application is shuffled, but a party takes its place in the order at its
 * leader's draw; its other members' own places are ignored, so joining a party never gives more
 * chances than applying alone. A lot is seated whole or not at all.
 *
 * 1. Quota seats: for each quota (country, seats), the lots whose leader is from that country,
 *    in drawn order, each seated from the quota if it fits in the quota seats left; one that
 *    does not fit is skipped and the next one tried.
 * 2. The general pool: capacity minus the quota seats actually used (unused quota seats are
 *    released into it), for every lot not yet seated, in drawn order, with the same rule.
 * 3. Everyone else is waitlisted in drawn order of their lots, a party's leader first, then
 *    its members in their own drawn order.
 */

export interface DrawApplicant {
  registrationId: string;
  /** ISO 3166-1 alpha-2 of the applicant (a party draws with its leader's). */
  country: string;
  /** The leader's registration id for a party member (the leader's own id too); else null. */
  partyLeaderId: string | null;
}

export interface DrawQuota {
  country: string;
  seats: number;
}

export type DrawOutcome = 'quota' | 'general' | 'waitlist';

export interface DrawEntry {
  registrationId: string;
  /** Place in the drawn order, 1 = drawn first. */
  rank: number;
  /** The registration id of the lot this application was drawn with (its own when alone). */
  lot: string;
  /** The lot's country: the applicant's own, or the party leader's. */
  country: string;
  outcome: DrawOutcome;
}

export interface Allocation {
  /** Every application, in drawn order. */
  entries: DrawEntry[];
  /** Waitlisted registration ids, first in line first. */
  waitlist: string[];
  seatedFromQuota: number;
  seatedFromPool: number;
}

export function allocate(
  capacity: number,
  quotas: readonly DrawQuota[],
  order: readonly string[],
  applicants: readonly DrawApplicant[],
): Allocation {
  const byId = new Map(applicants.map((a) => [a.registrationId, a]));
  if (byId.size !== order.length) throw new Error('the order and the applicants differ');
  // A party counts only while its leader's application is in the draw.
  const lotOf = (id: string): string => {
    const leader = byId.get(id)?.partyLeaderId;
    return leader && byId.has(leader) ? leader : id;
  };
  const members = new Map<string, string[]>();
  const lots: string[] = [];
  for (const id of order) {
    if (!byId.has(id)) throw new Error(`unknown registration ${id} in the order`);
    const lot = lotOf(id);
    if (lot === id) lots.push(id);
    const list = members.get(lot);
    if (list) list.push(id);
    else members.set(lot, [id]);
  }
  for (const [lot, list] of members) {
    // The leader heads its party in the waitlist, whoever of them was drawn first.
    const i = list.indexOf(lot);
    if (i > 0) list.unshift(...list.splice(i, 1));
  }
  const outcome = new Map<string, DrawOutcome>();
  const sizeOf = (lot: string) => members.get(lot)!.length;
  const countryOf = (lot: string) => byId.get(lot)!.country;

  let seatedFromQuota = 0;
  for (const quota of quotas) {
    let left = Math.min(quota.seats, capacity - seatedFromQuota);
    for (const lot of lots) {
      if (left === 0) break;
      if (outcome.has(lot) || countryOf(lot) !== quota.country) continue;
      const size = sizeOf(lot);
      if (size > left) continue;
      outcome.set(lot, 'quota');
      left -= size;
      seatedFromQuota += size;
    }
  }
  let pool = capacity - seatedFromQuota;
  let seatedFromPool = 0;
  for (const lot of lots) {
    if (pool === 0) break;
    if (outcome.has(lot)) continue;
    const size = sizeOf(lot);
    if (size > pool) continue;
    outcome.set(lot, 'general');
    pool -= size;
    seatedFromPool += size;
  }
  const waitlist: string[] = [];
  for (const lot of lots) if (!outcome.has(lot)) waitlist.push(...members.get(lot)!);
  const entries = order.map((id, i): DrawEntry => {
    const lot = lotOf(id);
    return {
      registrationId: id,
      rank: i + 1,
      lot,
      country: countryOf(lot),
      outcome: outcome.get(lot) ?? 'waitlist',
    };
  });
  return { entries, waitlist, seatedFromQuota, seatedFromPool };
}

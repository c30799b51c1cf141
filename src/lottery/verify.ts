import { allocate } from './allocate.js';
import { parseSeed, seedCommitment, SHUFFLE_ALGORITHM, shuffle } from './shuffle.js';

/** What GET /events/:eventId/draw answers (only the fields a verification reads). */
export interface PublicDraw {
  algorithm: string;
  seedSha256: string | null;
  seed: string | null;
  capacity: number | null;
  quotas: { country: string; seats: number }[] | null;
  applications: number | null;
  seated: number | null;
  order: string[] | null;
  entries:
    | { registrationId: string; rank: number; lot: string; country: string; outcome: string }[]
    | null;
}

export interface Verification {
  ok: boolean;
  problems: string[];
}

/**
 * Recomputes a draw from its public record: the seed matches the commitment published before
 * the draw; shuffling the sorted registration ids with it gives the published order; and the
 * allocation rules (quotas, parties, general pool) applied to that order give every published
 * outcome.
 */
export function verifyDraw(draw: PublicDraw): Verification {
  const problems: string[] = [];
  if (draw.algorithm !== SHUFFLE_ALGORITHM) {
    return { ok: false, problems: [`unknown algorithm ${draw.algorithm}`] };
  }
  if (!draw.seed || !draw.order || !draw.entries || draw.capacity === null || !draw.quotas) {
    return { ok: false, problems: ['the draw has not been made yet'] };
  }
  let seed: Buffer;
  try {
    seed = parseSeed(draw.seed);
  } catch {
    return { ok: false, problems: ['the seed is not 64 hex digits'] };
  }
  if (seedCommitment(seed) !== draw.seedSha256) {
    problems.push('SHA-256 of the seed differs from the commitment published before the draw');
  }
  if (draw.applications !== draw.order.length) {
    problems.push(`${draw.order.length} applications in the order, ${draw.applications} announced`);
  }
  let recomputed: string[] = [];
  try {
    recomputed = shuffle(seed, draw.order);
  } catch (err) {
    problems.push(String(err));
  }
  const firstDiff = recomputed.findIndex((id, i) => id !== draw.order![i]);
  if (firstDiff >= 0) {
    problems.push(
      `the order differs from the shuffle of the seed and the sorted ids, first at rank ${firstDiff + 1}`,
    );
  }
  if (
    draw.entries.length !== draw.order.length ||
    draw.entries.some((e, i) => e.rank !== i + 1 || e.registrationId !== draw.order![i])
  ) {
    problems.push('the entries are not the order, rank by rank');
    return { ok: false, problems };
  }
  try {
    const result = allocate(
      draw.capacity,
      draw.quotas,
      recomputed.length ? recomputed : draw.order,
      draw.entries.map((e) => ({
        registrationId: e.registrationId,
        country: e.country,
        partyLeaderId: e.lot,
      })),
    );
    const expected = new Map(result.entries.map((e) => [e.registrationId, e.outcome]));
    const wrong = draw.entries.filter((e) => expected.get(e.registrationId) !== e.outcome);
    for (const e of wrong.slice(0, 10)) {
      problems.push(
        `rank ${e.rank} (${e.registrationId}): published ${e.outcome}, recomputed ${expected.get(e.registrationId)}`,
      );
    }
    if (wrong.length > 10) problems.push(`… and ${wrong.length - 10} more outcomes differ`);
    const seated = result.seatedFromPool + result.seatedFromQuota;
    if (draw.seated !== seated)
      problems.push(`${draw.seated} seated announced, ${seated} recomputed`);
  } catch (err) {
    problems.push(`the entries cannot be allocated: ${String(err)}`);
  }
  return { ok: problems.length === 0, problems };
}

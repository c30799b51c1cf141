import { createHash, createHmac } from 'node:crypto';

/**
 * The draw's shuffle, defined exactly so that anyone can recompute it (`npm run verify-draw`).
 *
 * Name: `fisher-yates-hmac-sha256-v1`.
 *
 * Inputs: `seed`, 32 bytes (published as 64 lower-case hex digits after the draw; its SHA-256,
 * of the 32 raw bytes, is published from the moment the event is published), and the ids of
 * every application in the draw as lower-case canonical UUID strings, sorted ascending by
 * code unit (plain `sort()` in JavaScript, `sorted()` in Python, `ORDER BY id COLLATE "C"`).
 *
 * Random stream: block k (k = 0, 1, 2, …) is HMAC-SHA256(key = seed, message = the 8-byte
 * big-endian encoding of k); each 32-byte block gives eight unsigned 32-bit big-endian words,
 * consumed in order.
 *
 * uniform(m), an integer in [0, m): take the next word w; if w ≥ 2^32 − (2^32 mod m), discard
 * it and take the next (rejection, so no value is more likely than another); else return
 * w mod m.
 *
 * Fisher–Yates (Durstenfeld): a = the sorted ids; for i = n − 1 down to 1: j = uniform(i + 1),
 * swap a[i] and a[j]. The drawn order is a, first drawn first.
 */
export const SHUFFLE_ALGORITHM = 'fisher-yates-hmac-sha256-v1';

export const SEED_BYTES = 32;

const TWO_32 = 0x1_0000_0000;

/** The seed as published: 64 hex digits. */
export function parseSeed(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('a seed is 64 lower-case hex digits');
  return Buffer.from(hex, 'hex');
}

/** The commitment published before the draw: SHA-256 of the 32 raw seed bytes, hex. */
export function seedCommitment(seed: Buffer): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** The random stream of the definition above. */
export class SeedStream {
  private counter = 0n;
  private block = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly seed: Buffer) {
    if (seed.length !== SEED_BYTES) throw new Error(`a seed is ${SEED_BYTES} bytes`);
  }

  nextWord(): number {
    if (this.offset >= this.block.length) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(this.counter);
      this.counter += 1n;
      this.block = createHmac('sha256', this.seed).update(message).digest();
      this.offset = 0;
    }
    const word = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return word;
  }

  /** An integer in [0, m), m ≥ 1, without modulo bias. */
  uniform(m: number): number {
    if (!Number.isInteger(m) || m < 1 || m > TWO_32) throw new Error(`uniform(${m})`);
    const limit = TWO_32 - (TWO_32 % m);
    for (;;) {
      const w = this.nextWord();
      if (w < limit) return w % m;
    }
  }
}

/** Sorts ids the way the definition says (code units, ascending); does not touch its input. */
export function sortIds(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The drawn order of `ids` (any order in; they are sorted first, so only the set matters). */
export function shuffle(seed: Buffer, ids: readonly string[]): string[] {
  const a = sortIds(ids);
  for (let i = 1; i < a.length; i++) {
    if (a[i] === a[i - 1]) throw new Error(`duplicate id ${a[i]}`);
  }
  const stream = new SeedStream(seed);
  for (let i = a.length - 1; i >= 1; i--) {
    const j = stream.uniform(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

import { describe, expect, it } from '@jest/globals';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('runs ids added together as one batch and gives each caller its own result', async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<string>((ids) => {
      batches.push(ids);
      return Promise.resolve(
        new Map(ids.filter((id) => id !== 'gone').map((id) => [id, id.toUpperCase()])),
      );
    });
    const results = await Promise.all(['a', 'b', 'gone'].map((id) => batcher.add(id)));
    expect(results).toEqual(['A', 'B', undefined]);
    expect(batches).toEqual([['a', 'b', 'gone']]);
  });

  it('starts a batch as soon as it is full', async () => {
    const batches: string[][] = [];
    const batcher = new Batcher<never>(
      (ids) => {
        batches.push(ids);
        return Promise.resolve();
      },
      2,
      60_000,
    );
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => batcher.add(id)));
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('rejects every caller of a failed batch', async () => {
    const batcher = new Batcher<never>(() => Promise.reject(new Error('db down')));
    await expect(Promise.all([batcher.add('a'), batcher.add('b')])).rejects.toThrow('db down');
  });

  it('flush runs what is waiting without the delay', async () => {
    const seen: string[] = [];
    const batcher = new Batcher<never>(
      (ids) => {
        seen.push(...ids);
        return Promise.resolve();
      },
      100,
      60_000,
    );
    const done = batcher.add('a');
    await batcher.flush();
    await done;
    expect(seen).toEqual(['a']);
  });
});

import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { AppValidationPipe } from './app-validation.pipe.js';

const body: ArgumentMetadata = { type: 'body', metatype: Object };
const pipe = new AppValidationPipe();

describe('AppValidationPipe', () => {
  it.each([
    ['a NUL byte', { name: 'a\u0000b' }],
    ['a lone high surrogate', { name: 'a\ud800' }],
    ['a lone low surrogate', { name: '\udc00b' }],
    ['two high surrogates', { name: '\ud800\ud800\udc00' }],
    ['a NUL byte deep inside', { ticket: { notes: ['ok', 'bad\u0000'] } }],
    ['a NUL byte in a key', { ['na\u0000me']: 'x' }],
  ])('refuses %s with a 400 naming the field', async (_what, value) => {
    const result = pipe.transform(value, body);
    await expect(result).rejects.toBeInstanceOf(BadRequestException);
    await expect(result).rejects.toThrow(/contains a NUL byte or an invalid character/);
  });

  it('names the offending field without the argument type', async () => {
    await expect(pipe.transform({ a: { b: 'x\u0000' } }, body)).rejects.toThrow(/^a\.b contains/);
  });

  it.each([
    ['Kazakh', 'Әйгерім'],
    ['Chinese', '李娜'],
    ['Japanese', 'さくら'],
    ['an emoji (a valid surrogate pair)', 'Dimash 🎤'],
  ])('lets %s text through', async (_what, name) => {
    await expect(pipe.transform({ name }, body)).resolves.toEqual({ name });
  });

  it('checks query strings and path parameters too', async () => {
    await expect(
      pipe.transform({ search: '\u0000' }, { type: 'query', metatype: Object }),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      pipe.transform('x\ud800', { type: 'param', metatype: String, data: 'id' }),
    ).rejects.toBeInstanceOf(BadRequestException);
  });

  it('leaves custom decorators (the current user) alone', async () => {
    const user = { id: 'x\u0000' };
    await expect(pipe.transform(user, { type: 'custom' })).resolves.toBe(user);
  });
});

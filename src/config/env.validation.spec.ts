import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './app-config.js';
import { validateEnv } from './env.validation.js';

const SECRET = 'a-production-secret-of-at-least-32-chars';

describe('validateEnv', () => {
  it('applies the runtime contract defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      APP_ROLE: 'all',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fanevents',
      REDIS_URL: 'redis://127.0.0.1:6379',
      AUTH_RATE_LIMIT: 20,
      USER_RATE_LIMIT: 30,
      REMINDER_LEAD_MINUTES: 1440,
      CORS_ORIGINS: '',
      RETENTION_DAYS: 30,
    });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('uses a development JWT secret outside production', () => {
    expect(validateEnv({ NODE_ENV: 'development' }).JWT_SECRET).toEqual(expect.any(String));
    expect(validateEnv({ NODE_ENV: 'test' }).JWT_SECRET!.length).toBeGreaterThanOrEqual(32);
  });

  it('converts numbers from their string form', () => {
    const env = validateEnv({ PORT: '8080', AUTH_RATE_LIMIT: '3', DATABASE_POOL_SIZE: '4' });
    expect(env.PORT).toBe(8080);
    expect(env.AUTH_RATE_LIMIT).toBe(3);
    expect(env.DATABASE_POOL_SIZE).toBe(4);
  });

  it('treats an empty variable as unset', () => {
    const env = validateEnv({ PORT: '', AUTH_RATE_LIMIT: '', SMTP_URL: '' });
    expect(env.PORT).toBe(3000);
    expect(env.AUTH_RATE_LIMIT).toBe(20);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('refuses production without a JWT_SECRET, naming the variable', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });

  it('refuses a short JWT_SECRET in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });

  it('accepts production with a long JWT_SECRET and keeps it', () => {
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET }).JWT_SECRET).toBe(SECRET);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3000.5'],
    ['AUTH_RATE_LIMIT', '0'],
    ['APP_ROLE', 'web'],
    ['NODE_ENV', 'prod'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_POOL_SIZE', '500'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => validateEnv({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('lists every bad variable at once', () => {
    let message = '';
    try {
      validateEnv({ PORT: 'x', APP_ROLE: 'y' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/APP_ROLE/);
  });
});

describe('loadConfig', () => {
  it('splits and trims the CORS allow-list', () => {
    const config = loadConfig({ CORS_ORIGINS: ' https://fans.example ,https://b.example,, ' });
    expect(config.app.corsOrigins).toEqual(['https://fans.example', 'https://b.example']);
    expect(loadConfig({}).app.corsOrigins).toEqual([]);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['TRUE', true],
    ['10.0.0.1, 10.0.1.0/24', ['10.0.0.1', '10.0.1.0/24']],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    const config = loadConfig(value === undefined ? {} : { TRUST_PROXY: value });
    expect(config.app.trustProxy).toEqual(expected);
  });

  it('builds typed namespaces', () => {
    const config = loadConfig({ AUTH_RATE_LIMIT: '5', REDIS_PREFIX: 'p' });
    expect(config.auth.authRateLimit).toBe(5);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'p' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './utils/test-app.js';

// A build output like Vite's: index.html, hashed assets with precompressed siblings.
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('fan events '.repeat(200))});`;

describe('web app static serving', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, 'assets/index-AbC123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets/index-AbC123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT));
    t = await startTestApp({ WEB_DIST_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/events/9b2f6a3e-1c1d-4b8e-9a51-0f3c2b7d8e10',
    '/me/registrations',
    '/reset-password?token=abc',
  ])('answers the app shell for %s, not cached', async (path) => {
    const res = await t.http.get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it('serves hashed assets precompressed and cached for a year', async () => {
    const br = await t.http
      .get('/assets/index-AbC123.js')
      .set('Accept-Encoding', 'br, gzip')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);

    const gz = await t.http
      .get('/assets/index-AbC123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(SCRIPT);

    const plain = await t.http
      .get('/assets/index-AbC123.js')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('serves unhashed files revalidated, and a missing file as 404 rather than the page', async () => {
    const icon = await t.http.get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    const missing = await t.http.get('/assets/index-Old999.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });

  it('leaves the API, the docs and the health probe to the server', async () => {
    const api = await t.http.get('/api/v1/nope').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await t.http.get('/api').expect(404);
    await t.http.get('/health').expect(200);
    const docs = await t.http.get('/docs-json').expect(200);
    expect(docs.body.openapi).toBeDefined();
  });

  it('sends the strict content security policy with the page and the relaxed one with Swagger UI only', async () => {
    const page = await t.http.get('/events/x').expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const docs = await t.http.get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  });

  it('refuses other methods on app paths', async () => {
    await t.http.post('/events/x').send({}).expect(404);
  });
});

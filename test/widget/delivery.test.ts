// Issue 12 "Serve small": what a partner's page pays for the widget on the wire. The Node server
// sends the build's brotli or gzip twin of each file, hashed chunks are cached for good, the
// loader revalidates by ETag, and API answers are compressed too. Bytes are counted as they
// travel (node:http, which does not decompress), so the assertions are about the wire.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashedAsset, headersFile, immutable, revalidated } from '../../api/http/assets.ts';
import { chooseEncoding } from '../../api/node-compress.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser, partnerPage, startPartnerSite } from './harness.ts';

const dist = new URL('../../dist/', import.meta.url);
const appChunk = readdirSync(dist).find((f) => /^widget-app-.*\.js$/.test(f))!;

type Wire = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function get(url: string, headers: Record<string, string> = {}): Promise<Wire> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    })
      .on('error', reject)
      .end();
  });
}

const decode = (w: Wire) =>
  w.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(w.body)
    : w.headers['content-encoding'] === 'gzip'
      ? gunzipSync(w.body)
      : w.body;

let server: TestServer;
let partner: string;
beforeAll(async () => {
  server = await startServer();
  partner = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

describe('the widget on the wire (Node)', () => {
  test('the app chunk travels as brotli, a quarter of its size or less, and is cached for good', async () => {
    const raw = readFileSync(new URL(appChunk, dist));
    const w = await get(`${server.url}/${appChunk}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(w.status).toBe(200);
    expect(w.headers['content-encoding']).toBe('br');
    expect(decode(w).equals(raw)).toBe(true);
    expect(w.body.length).toBeLessThan(raw.length / 2.5);
    expect(w.headers['cache-control']).toBe(immutable);
    expect(w.headers.vary).toBe('Accept-Encoding');
    expect(w.headers['access-control-allow-origin']).toBe('*');
    expect(w.headers['content-type']).toMatch(/javascript/);
  });

  test('a browser without brotli gets gzip; one that asks for neither gets the file as built', async () => {
    const raw = readFileSync(new URL(appChunk, dist));
    const gz = await get(`${server.url}/${appChunk}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz).equals(raw)).toBe(true);
    const plain = await get(`${server.url}/${appChunk}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(raw)).toBe(true);
    expect(plain.headers.vary).toBe('Accept-Encoding');
  });

  test('the loader is cached for minutes and revalidated by its ETag (304, no body)', async () => {
    const first = await get(`${server.url}/widget.js`, { 'Accept-Encoding': 'br' });
    expect(first.headers['cache-control']).toBe(revalidated);
    expect(first.headers['content-encoding']).toBe('br');
    const tag = first.headers.etag as string;
    expect(tag).toBeTruthy();
    const again = await get(`${server.url}/widget.js`, { 'Accept-Encoding': 'br', 'If-None-Match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another encoding is other bytes: its tag differs, so a cache never mixes them up.
    const gz = await get(`${server.url}/widget.js`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.etag).not.toBe(tag);
  });

  test('the page stylesheet and the manage script are compressed and revalidated too', async () => {
    for (const path of ['/page.css', '/widget-manage.mjs']) {
      const w = await get(`${server.url}${path}`, { 'Accept-Encoding': 'br' });
      expect([path, w.status, w.headers['content-encoding'], w.headers['cache-control']]).toEqual([path, 200, 'br', revalidated]);
    }
  });

  test('API answers over 1 KiB are compressed; smaller ones are not', async () => {
    const config = await get(`${server.url}/v1/widget/config?partner=${partner}&lang=fi`, { 'Accept-Encoding': 'br' });
    expect(config.status).toBe(200);
    expect(config.headers['content-encoding']).toBe('br');
    const body = JSON.parse(decode(config).toString('utf8'));
    expect(body.categories.length).toBeGreaterThan(0);
    expect(config.body.length).toBeLessThan(decode(config).length / 2);
    const small = await get(`${server.url}/healthz`, { 'Accept-Encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ ok: true });
    const head = await get(`${server.url}/v1/openapi.json`, { 'Accept-Encoding': 'gzip' });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(head).toString('utf8')).openapi).toBe('3.0.3');
  });
});

describe('the rule, once', () => {
  test('hashed chunks are told apart from the stable URLs', () => {
    for (const f of readdirSync(dist).filter((n) => /^widget-(app|fi|sv|en)-.*\.js$/.test(n))) {
      expect(hashedAsset.test(`/${f}`)).toBe(true);
    }
    for (const path of ['/widget.js', '/widget-manage.mjs', '/page.css']) expect(hashedAsset.test(path)).toBe(false);
  });

  test("the Worker's dist/_headers is the same rule, and every text file has its twins", () => {
    expect(readFileSync(new URL('_headers', dist), 'utf8')).toBe(headersFile());
    for (const f of readdirSync(dist).filter((n) => /\.(m?js|css)$/.test(n))) {
      const raw = readFileSync(new URL(f, dist));
      expect(brotliDecompressSync(readFileSync(new URL(`${f}.br`, dist))).equals(raw)).toBe(true);
      expect(gunzipSync(readFileSync(new URL(`${f}.gz`, dist))).equals(raw)).toBe(true);
    }
  });

  test('Accept-Encoding: brotli first, q=0 refuses, * stands for the rest', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});

describe('the loader in a browser', () => {
  test("asks for the partner's configuration beside the app chunk, not after it", async () => {
    const site = await startPartnerSite();
    const browser = await launchBrowser();
    const { publicKey } = await server.createPartner({ origins: [site.origin] });
    try {
      const page = await browser.newPage();
      // The app chunk is held back until the configuration request has left: a loader that
      // waited for the app before asking (the old waterfall) never renders, and the test fails.
      let configAsked!: () => void;
      const asked = new Promise<void>((resolve) => (configAsked = resolve));
      page.on('request', (r) => r.url().includes('/v1/widget/config') && configAsked());
      await page.route(/widget-app-.*\.js$/, async (route) => {
        await asked;
        await route.continue();
      });
      await page.goto(site.show('/early', partnerPage(server.url, [{ partner: publicKey, lang: 'sv' }])));
      await page.locator('linkki-request').getByRole('button').first().waitFor();
      const configs = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((n) => n.includes('/v1/widget/config')),
      );
      // One request, in the element's language, read by the app (no second fetch).
      expect(configs).toEqual([`${server.url}/v1/widget/config?partner=${publicKey}&lang=sv`]);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});

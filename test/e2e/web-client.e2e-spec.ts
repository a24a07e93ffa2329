import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { NATIONAL_CRISIS_CONTACTS } from '@p2p/contract';
import { TestApp, startApp } from '../support/app';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as the browser would read it, after undoing any compression. */
  text: string;
  /** Bytes on the wire. */
  wire: number;
}

/** A GET with exactly the headers given (no client that adds or undoes compression by itself). */
function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const plain = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: plain.toString('utf8'), wire: body.length });
      });
    }).on('error', reject);
  });
}

const script = readdirSync(path.resolve(__dirname, '../../dist/web/assets')).find(
  (f) => f.startsWith('index-') && f.endsWith('.js'),
)!;

describe('the web client as the gateway serves it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('sends the page with the way to help in it, before any script runs, compressed', async () => {
    const page = await fetchRaw(`${t.url}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers.vary).toMatch(/accept-encoding/i);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('<a class="help" href="/help">Need help now?</a>');
    expect(page.text).toContain('href="tel:116123"');
    expect(page.text).toContain('<meta\n      name="description"');
    expect(page.text).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(page.wire).toBeLessThan(page.text.length);
  });

  it('answers every page path of the app with its index, gzip for a browser without brotli', async () => {
    const page = await fetchRaw(`${t.url}/c/some-community/boards/some-board`, { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.text).toContain('<div id="app">');
    const plain = await fetchRaw(`${t.url}/login`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('Need help now?');
  });

  it("names a page's first reads in its Link header, so they start before the script arrives", async () => {
    const cid = '6f1c2b1e-8d3a-4c55-9f00-1a2b3c4d5e6f';
    const bid = '0b7a1d2c-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    const page = await fetchRaw(`${t.url}/c/${cid}/boards/${bid}`);
    expect(page.headers.link).toBe(
      [
        '</api/me>; rel=preload; as=fetch; crossorigin',
        `</api/communities/${cid}>; rel=preload; as=fetch; crossorigin`,
        `</api/boards/${bid}>; rel=preload; as=fetch; crossorigin`,
        `</api/boards/${bid}/threads?limit=50>; rel=preload; as=fetch; crossorigin`,
      ].join(', '),
    );
    expect((await fetchRaw(`${t.url}/login`)).headers.link).toBe('</api/me>; rel=preload; as=fetch; crossorigin');
    expect((await fetchRaw(`${t.url}/help`)).headers.link).toBeUndefined();
  });

  it('serves a help page that needs no script, with every national crisis contact', async () => {
    const help = await fetchRaw(`${t.url}/help`, { 'accept-encoding': 'br' });
    expect(help.status).toBe(200);
    expect(help.headers['content-type']).toMatch(/^text\/html/);
    expect(help.text).not.toMatch(/<script/i);
    for (const c of NATIONAL_CRISIS_CONTACTS) {
      expect(help.text).toContain(`<strong>${c.name}</strong>`);
      expect(help.text).toContain(`href="tel:${c.phone!.replace(/\s+/g, '')}"`);
    }
    expect(help.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('keeps hashed files for a year and compresses them ahead of time', async () => {
    const br = await fetchRaw(`${t.url}/assets/${script}`, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await fetchRaw(`${t.url}/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.text).toBe(plain.text);
    expect(br.wire).toBeLessThan(plain.wire / 3);
  });

  it('serves the manifest, the icons, robots.txt and the service worker as themselves', async () => {
    const manifest = await fetchRaw(`${t.url}/manifest.webmanifest`);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const m = JSON.parse(manifest.text) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(m).toMatchObject({ name: 'P2P Board', start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = m.icons.find((i) => i.sizes === size && !i.purpose)!;
      const png = await fetchRaw(`${t.url}${icon.src}`);
      expect(png.status).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
    }
    expect(m.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    const robots = await fetchRaw(`${t.url}/robots.txt`);
    expect(robots.headers['content-type']).toMatch(/^text\/plain/);
    expect(robots.text).toContain('User-agent: *');

    const sw = await fetchRaw(`${t.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['service-worker-allowed']).toBe('/');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.text).toContain('help.html');
  });

  it('says 404 in plain words for a file that is not there, never the app in its place', async () => {
    for (const missing of ['/assets/nothing-here.js', '/nothing.png']) {
      const res = await fetchRaw(`${t.url}${missing}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('There is no such file on this board.');
    }
  });

  it('leaves the API to the API', async () => {
    const res = await fetchRaw(`${t.url}/api/me`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('serves a client built elsewhere when WEB_CLIENT_DIR says where, and will not start on a folder with none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'p2p-web-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>another build</title>');
      const other = await startApp({ WEB_CLIENT_DIR: dir });
      try {
        expect((await fetchRaw(`${other.url}/c/x`)).text).toContain('another build');
      } finally {
        await other.close();
      }
      rmSync(path.join(dir, 'index.html'));
      await expect(startApp({ WEB_CLIENT_DIR: dir })).rejects.toThrow(
        `Configuration: WEB_CLIENT_DIR is ${dir}, which holds no index.html; build the web client there.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The web client's weight and its first load on a slow connection, against a same-run baseline:
 * a page that loads nothing but socket.io-client's own minified bundle (what any live client of
 * this API must download anyway). Both are served by the same small static server and loaded by
 * Debian's Chromium with the same network throttling (Chrome's "Slow 3G" profile).
 *
 *   npm run build:web && SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/web-client.ts
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findChromium } from '../test/browser/chromium';

const root = path.resolve(__dirname, '..');
const web = path.join(root, 'dist/web');
const ioBundle = readFileSync(path.join(root, 'node_modules/socket.io-client/dist/socket.io.min.js'));
const RUNS = Number(process.env.RUNS ?? 7);

function sizes(buf: Buffer) {
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotliCompressSync(buf).length };
}

const baselineHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title>
<script src="/io.js"></script></head><body><h1>Sign in</h1><script>window.ready=true</script></body></html>`;

/** gzip on the wire, as a production front (nginx, the gateway behind one) would send it. */
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  let body: Buffer;
  let type = 'text/html';
  if (url.pathname === '/baseline') body = Buffer.from(baselineHtml);
  else if (url.pathname === '/io.js') [body, type] = [ioBundle, 'text/javascript'];
  else if (url.pathname.startsWith('/api/')) {
    res.writeHead(401, { 'content-type': 'application/json' });
    return res.end('{"statusCode":401,"message":"Please sign in."}');
  } else if (url.pathname.startsWith('/assets/')) {
    body = readFileSync(path.join(web, url.pathname));
    type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
  } else body = readFileSync(path.join(web, 'index.html'));
  res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
  res.end(gzipSync(body));
});

async function main(): Promise<void> {
  const assets = readdirSync(path.join(web, 'assets')).map((f) => path.join(web, 'assets', f));
  const total = assets.reduce(
    (t, f) => {
      const s = sizes(readFileSync(f));
      return { raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli };
    },
    sizes(readFileSync(path.join(web, 'index.html'))),
  );
  const base = sizes(Buffer.concat([Buffer.from(baselineHtml), ioBundle]));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const load = async (url: string, ready: string): Promise<number> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Chrome DevTools' "Slow 3G": 400 ms round trips, 400 kbit/s down, 400 kbit/s up.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1024) / 8,
      uploadThroughput: (400 * 1024) / 8,
    });
    const start = Date.now();
    await page.goto(url);
    await page.waitForFunction(ready);
    const ms = Date.now() - start;
    await context.close();
    return ms;
  };
  const times = { client: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    times.baseline.push(await load(`http://127.0.0.1:${port}/baseline`, 'window.ready === true'));
    times.client.push(await load(`http://127.0.0.1:${port}/login`, "!!document.querySelector('button[type=submit]')"));
  }
  await browser.close();
  server.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`files: ${assets.map((f) => `${path.basename(f)} ${kb(statSync(f).size)}`).join(', ')}`);
  console.log('| page | raw | gzip | brotli | first load on Slow 3G (median of ' + RUNS + ') |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| web client (sign-in page, all of it) | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} | ${median(times.client)} ms |`,
  );
  console.log(
    `| baseline: socket.io-client alone | ${kb(base.raw)} | ${kb(base.gzip)} | ${kb(base.brotli)} | ${median(times.baseline)} ms |`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

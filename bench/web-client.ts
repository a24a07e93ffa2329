/**
 * The web client's first load on a phone with a poor signal: Chrome DevTools' "Slow 3G" (400 ms
 * round trips, 400 kbit/s each way), in Debian's Chromium, against a same-run baseline: the same
 * pages as an earlier commit built and served them (BENCH_WEB_BASELINE, a git ref; by default the
 * last commit before the client became an installable app): that commit's gateway, compiled from a
 * git archive, serving that commit's client. Both gateways use the same database, one after the
 * other in each round.
 *
 * Per round and per build, in a fresh browser context (nothing cached, no service worker yet):
 * - **sign-in page, help link painted**: the first frame in which "Need help now?" is laid out
 *   (never earlier than the first paint), from the start of navigation;
 * - **a member's board usable**: signed in (the session cookie set beforehand), the board's
 *   address opened cold; usable when its threads are listed and "Start a thread" is on the page;
 * - **bytes on the wire** for each, every response until that moment (DevTools' encoded length:
 *   compressed as sent, headers included).
 *
 * Three rounds (BENCH_ROUNDS); prints one table with each build's spread and writes
 * bench/results/web-client-*.json.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/web-client.ts
 */
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../test/browser/chromium';
import { envInt, say } from './lib/env';
import { BenchRun, runBench } from './lib/harness';
import { machineInfo } from './lib/machine';
import { fmt, table, writeResults } from './lib/stats';
import { publishedThreads, seedCommunities } from './lib/seed';
import { BASELINE_REF, webGatewaysSideBySide } from './lib/web-builds';

const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 10);
const THREADS = 30;
/** BENCH_WEB_WATERFALL=1 lists each load's requests (start → end, DevTools' clock, bytes). */
const WATERFALL = process.env.BENCH_WEB_WATERFALL === '1';

/** Chrome DevTools' "Slow 3G" preset. */
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1024) / 8,
  uploadThroughput: (400 * 1024) / 8,
};

interface Load {
  /** From the start of navigation, in the page's own clock. */
  ms: number;
  bytes: number;
}

/**
 * Opens `url` in a fresh, throttled context and resolves when `ready` (a page expression) is true,
 * with the time from navigation start and the bytes received until then.
 */
async function load(
  browser: Browser,
  url: string,
  ready: string,
  cookie?: { name: string; value: string },
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  try {
    if (cookie) await context.addCookies([{ ...cookie, domain: new URL(url).hostname, path: '/' }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    let bytes = 0;
    let counting = true;
    const started = new Map<string, { url: string; at: number }>();
    const waterfall: string[] = [];
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; timestamp: number }) => {
      started.set(e.requestId, { url: e.request.url, at: e.timestamp });
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number; timestamp: number }) => {
      if (counting) bytes += e.encodedDataLength;
      const s = started.get(e.requestId);
      if (s && WATERFALL)
        waterfall.push(`${s.at.toFixed(3)} → ${e.timestamp.toFixed(3)}  ${e.encodedDataLength} B  ${s.url}`);
    });
    // Every frame, note the first moment `ready` holds, in the page's clock.
    await page.addInitScript(`(() => {
      const check = () => {
        let ok = false;
        try { ok = Boolean(${ready}); } catch {}
        if (ok) { window.__readyAt = performance.now(); return; }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })()`);
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .waitForFunction(() => (globalThis as { __readyAt?: number }).__readyAt !== undefined, undefined, {
        timeout: 60_000,
        polling: 50,
      })
      .catch(async (err: Error) => {
        const shot = path.join(os.tmpdir(), `p2p-web-bench-${Date.now()}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(`${url} never became ready (a screenshot: ${shot}): ${err.message}`);
      });
    counting = false;
    const ms = await page.evaluate(() => {
      const g = globalThis as unknown as {
        __readyAt: number;
        performance: { getEntriesByName(n: string): { startTime: number }[] };
      };
      return Math.max(g.__readyAt, g.performance.getEntriesByName('first-paint')[0]?.startTime ?? 0);
    });
    if (WATERFALL) say(`${url}\n  ${waterfall.join('\n  ')}`);
    return { ms, bytes };
  } finally {
    await context.close();
  }
}

/** "Need help now?" laid out on the page. */
const HELP_PAINTED = `(() => { const a = [...document.querySelectorAll('a')].find((x) => x.textContent.trim() === 'Need help now?'); return a && a.getBoundingClientRect().height > 0; })()`;
/** The board's threads listed and its "Start a thread" on the page. */
const boardUsable = (threads: number) =>
  `document.querySelectorAll('li[data-thread-id]').length >= ${threads} && Boolean(document.getElementById('start-title'))`;

runBench('web-client', 1800, async (run: BenchRun) => {
  const { builds, gateways } = await webGatewaysSideBySide(run, BASELINE_REF);
  const [community] = await seedCommunities(run, { communities: 1, membersEach: 4, postingDelaySeconds: 0 });
  await publishedThreads(gateways[0].url, run.db, [community], THREADS);
  const member = community.members[3];
  const board = `/c/${community.id}/boards/${community.boards.community}`;

  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run npm run test:browser-get first.');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  run.onCleanup('close the browser', () => browser.close());

  const results: Record<string, { signIn: Load[]; board: Load[] }> = {
    today: { signIn: [], board: [] },
    baseline: { signIn: [], board: [] },
  };
  for (let r = 1; r <= ROUNDS; r++) {
    // Alternate which build goes first, so neither always meets a warmer machine.
    const order = r % 2 === 1 ? [0, 1] : [1, 0];
    for (const i of order) {
      const url = gateways[i].url;
      const signIn = await load(browser, `${url}/login`, HELP_PAINTED);
      const boardLoad = await load(browser, `${url}${board}`, boardUsable(THREADS), {
        name: 'p2p_session',
        value: member.token,
      });
      results[builds[i].name].signIn.push(signIn);
      results[builds[i].name].board.push(boardLoad);
      say(
        `round ${r}, ${builds[i].name}: help painted ${fmt(signIn.ms, 0)} ms (${fmt(signIn.bytes / 1024)} KiB), board usable ${fmt(boardLoad.ms, 0)} ms (${fmt(boardLoad.bytes / 1024)} KiB)`,
      );
    }
  }

  const spread = (xs: number[], digits = 0, unit = '') =>
    `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}${unit}`;
  const row = (
    label: string,
    goal: string,
    pick: (x: { signIn: Load[]; board: Load[] }) => number[],
    digits: number,
    unit: string,
  ) => [label, goal, `**${spread(pick(results.today), digits, unit)}**`, spread(pick(results.baseline), digits, unit)];
  const kib = (ls: Load[]) => ls.map((l) => l.bytes / 1024);
  const machine = await machineInfo(run);
  say('');
  say(
    `Slow 3G (400 ms, 400 kbit/s), Chromium at 390x844, ${ROUNDS} rounds, a fresh context each load; today: ${builds[0].source} with its gateway (${run.build.source}); baseline: ${builds[1].source}, its own gateway and client.`,
  );
  say(
    table(
      ['figure', 'goal', 'today', `baseline (${builds[1].source}, same run)`],
      [
        row('sign-in page: "Need help now?" painted', '≤ 1,500 ms', (x) => x.signIn.map((l) => l.ms), 0, ' ms'),
        row("member's board usable (30 threads)", '≤ 2,500 ms', (x) => x.board.map((l) => l.ms), 0, ' ms'),
        row('sign-in page: bytes until then', '', (x) => kib(x.signIn), 1, ' KiB'),
        row("member's board: bytes until usable", '≤ 60 KB', (x) => kib(x.board), 1, ' KiB'),
      ],
    ),
  );
  writeResults(run, { machine, rounds: ROUNDS, builds, results });
});

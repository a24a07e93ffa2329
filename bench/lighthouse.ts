/**
 * What an outside auditor sees: Lighthouse (the npm package, on the Chromium the tests use) on the
 * sign-in page and a signed-in member's board (thirty threads), with its mobile settings (a mid-range phone on a
 * slow 4G line, simulated) and its desktop ones; each category's score and the layout shift (CLS).
 * Baseline in the same run: the same pages as an earlier commit (BENCH_WEB_BASELINE, default
 * f41237a) built and served them, by that commit's own gateway and client (as bench/web-client.ts).
 *
 * Three rounds (BENCH_ROUNDS); prints one table with each figure's spread.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/lighthouse.ts
 */
import path from 'node:path';
import { findChromium } from '../test/browser/chromium';
import { ROOT, envInt, say } from './lib/env';
import { BenchRun, runBench } from './lib/harness';
import { table, writeResults } from './lib/stats';
import { publishedThreads, seedCommunities } from './lib/seed';
import { BASELINE_REF, webGatewaysSideBySide } from './lib/web-builds';

const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 10);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Scores {
  performance: number;
  accessibility: number;
  'best-practices': number;
  seo: number;
  cls: number;
}

// Lighthouse is an ES module only, and Node 20's require() cannot load one; the compiler would turn
// a plain import() into require(), so the import is built at run time to stay a real one.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('m', 'return import(m)') as <T>(m: string) => Promise<T>;

runBench('lighthouse', 1800, async (run: BenchRun) => {
  const { default: lighthouse } = await importEsm<{ default: LighthouseFn }>('lighthouse');
  const { default: desktopConfig } = await importEsm<{ default: object }>('lighthouse/core/config/desktop-config.js');
  const { launch } = await importEsm<{ launch: LaunchFn }>('chrome-launcher');
  const chromePath = findChromium();
  if (!chromePath) throw new Error('No Chromium found: run npm run test:browser-get first.');

  const { builds, gateways } = await webGatewaysSideBySide(run, BASELINE_REF);
  const urls = gateways.map((g) => g.url);
  const [community] = await seedCommunities(run, { communities: 1, membersEach: 4, postingDelaySeconds: 0 });
  // A board with thirty threads, as bench/web-client.ts uses (layout shift shows with a full list).
  await publishedThreads(urls[0], run.db, [community], 30);
  const member = community.members[3];
  const board = `/c/${community.id}/boards/${community.boards.community}`;

  const chrome = await launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  run.onCleanup('stop Chromium', () => chrome.kill());

  const audit = async (url: string, form: 'mobile' | 'desktop', cookie?: string): Promise<Scores> => {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      },
      form === 'desktop' ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (k: (typeof CATEGORIES)[number]) => Math.round((categories[k]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
      cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
    };
  };

  const pages = [
    { name: 'sign-in', path: '/login', cookie: undefined },
    { name: "member's board", path: board, cookie: `p2p_session=${member.token}` },
  ];
  const results: Record<string, Scores[]> = {};
  for (let r = 1; r <= ROUNDS; r++) {
    for (const [i, b] of builds.entries()) {
      for (const p of pages) {
        for (const form of ['mobile', 'desktop'] as const) {
          const key = `${b.name}|${p.name}|${form}`;
          const s = await audit(`${urls[i]}${p.path}`, form, p.cookie);
          (results[key] ??= []).push(s);
          say(`round ${r}: ${key}: ${JSON.stringify(s)}`);
        }
      }
    }
  }

  const spread = (xs: number[], digits = 0) => {
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    return lo === hi ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
  };
  const cell = (key: string) => {
    const s = results[key];
    return [
      ...CATEGORIES.map((c) => spread(s.map((x) => x[c]))),
      spread(
        s.map((x) => x.cls),
        3,
      ),
    ].join(' / ');
  };
  say('');
  say(
    `Lighthouse ${lighthouseVersion()} on Chromium, ${ROUNDS} rounds; performance / accessibility / best practices / SEO / CLS. Today: ${builds[0].source}; baseline: ${builds[1].source}.`,
  );
  say(
    table(
      ['page', 'form', 'today', `baseline (${builds[1].source}, same run)`],
      pages.flatMap((p) =>
        (['mobile', 'desktop'] as const).map((form) => [
          p.name,
          form,
          `**${cell(`today|${p.name}|${form}`)}**`,
          cell(`baseline|${p.name}|${form}`),
        ]),
      ),
    ),
  );
  writeResults(run, { rounds: ROUNDS, builds: builds.map((b) => b.source), results });
});

function lighthouseVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(ROOT, 'node_modules/lighthouse/package.json')) as { version: string }).version;
}

type LighthouseFn = (
  url: string,
  flags: Record<string, unknown>,
  config?: object,
) => Promise<
  | {
      lhr: {
        categories: Record<string, { score: number | null } | undefined>;
        audits: Record<string, { numericValue?: number } | undefined>;
      };
    }
  | undefined
>;
type LaunchFn = (opts: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill(): void }>;

/**
 * Measures the community-guidelines checker (libs/guidelines/src) on ../shared/eval and
 * prints a Markdown section for BENCHMARKS.md on stdout:
 *
 * - every line of guidelines-examples.jsonl, per category: outcome and category as expected?
 * - sdcnl.jsonl: the share of suicide-forum and depression-forum posts held (and warned), per
 *   published split, so overfitting to the training split shows;
 * - the same posts against a hand-labelled sample (libs/guidelines/test-data/sdcnl-labels.jsonl):
 *   how many posts that announce intent, a plan or an act are held, and how many others are;
 * - posts checked per second, beside a trivial pass (lower-casing plus one regex) in the same run,
 *   and the JSONL batch command over the whole file.
 *
 * Every figure is given twice: the phrase rules alone, and the rules plus the scored model
 * (libs/guidelines/src/model), whichever of the two is the default.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/guidelines-eval.ts
 *     [--eval-dir ../shared/eval] [--examples]   (--examples lists misses and false holds on stderr)
 *
 * --examples lists posts of the tuning splits only (training, testing and the retired holdout and
 * holdout2). A blind split (holdout3) is reported as aggregate figures only, never post by post.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CheckResult,
  DEFAULT_GUIDELINES,
  GuidelineCategory,
  SCORED_MODEL_BY_DEFAULT,
  checkJsonl,
  checkText,
} from '@p2p/guidelines';

interface Example {
  id: string;
  text: string;
  expect: 'publish' | 'warn' | 'hold';
  category: GuidelineCategory | null;
}
interface Post {
  id: string;
  split: 'training' | 'testing';
  label: 'suicide-forum' | 'depression-forum';
  text: string;
}
type Judgement = 'announces' | 'ideation' | 'other';
interface Labelled {
  id: string;
  /**
   * training/testing: the published split; holdout and holdout2: the first two blind samples,
   * each retired to tuning data on 2026-12-02 once measured; holdout3: the third blind sample (see
   * libs/guidelines/test-data/README.md).
   */
  split: 'training' | 'testing' | 'holdout' | 'holdout2' | 'holdout3';
  label: Judgement;
}

/** Splits whose posts may be read and listed (tuning data). Any other split is blind: figures only. */
const TUNING_SPLITS: ReadonlySet<Labelled['split']> = new Set(['training', 'testing', 'holdout', 'holdout2']);
/** Every split, in report order; a split with no labels yet is left out of the tables. */
const SPLITS: readonly Labelled['split'][] = ['training', 'testing', 'holdout', 'holdout2', 'holdout3'];
const BLIND_SPLITS = SPLITS.filter((split) => !TUNING_SPLITS.has(split));

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const repo = path.resolve(__dirname, '..');
const evalDir = path.resolve(
  option('--eval-dir') ?? process.env.GUIDELINES_EVAL_DIR ?? path.join(repo, '..', 'shared', 'eval'),
);
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const share = (n: number, d: number) => `${pct(n, d)} (${n}/${d})`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const VARIANTS = [
  { name: 'rules only', scoredModel: false },
  { name: 'rules + model', scoredModel: true },
] as const;
const check = (text: string, scoredModel: boolean) => checkText(text, DEFAULT_GUIDELINES, { scoredModel });
const byModel = (result: CheckResult) =>
  result.outcome === 'hold' && result.findings[0]?.reason.startsWith('the whole post reads like') === true;

/** The category whose action decided the outcome: the first finding with that action. */
function deciding(result: CheckResult): GuidelineCategory | null {
  if (result.outcome === 'publish') return null;
  return result.findings.find((f) => f.action === result.outcome)?.category ?? null;
}

async function main(): Promise<void> {
  const examples = readJsonl<Example>(path.join(evalDir, 'guidelines-examples.jsonl'));
  const posts = readJsonl<Post>(path.join(evalDir, 'sdcnl.jsonl'));
  const labelled = new Map(
    readJsonl<Labelled>(path.join(repo, 'libs/guidelines/test-data/sdcnl-labels.jsonl')).map((l) => [l.id, l]),
  );
  const labels = new Map([...labelled].map(([id, l]) => [id, l.label]));
  const out: string[] = [];
  const say = (line = '') => out.push(line);

  say('## Community guidelines checker');
  say();
  say(
    `Measured by \`bench/guidelines-eval.ts\` on ${new Date().toISOString().slice(0, 10)}, default guidelines (version 1), Node ${process.version}; ` +
      `the scored model is ${SCORED_MODEL_BY_DEFAULT ? 'on' : 'off'} by default.`,
  );

  // --- (a) the written examples
  const perCategory = new Map<string, { lines: number; passed: number[]; failed: string[] }>();
  for (const ex of examples) {
    const key = ex.category ?? '(publish)';
    const row = perCategory.get(key) ?? { lines: 0, passed: VARIANTS.map(() => 0), failed: [] };
    row.lines++;
    VARIANTS.forEach((v, i) => {
      const result = check(ex.text, v.scoredModel);
      if (result.outcome === ex.expect && deciding(result) === ex.category) row.passed[i]++;
      else
        row.failed.push(
          `${ex.id} (${v.name}): expected ${ex.expect}/${ex.category}, got ${result.outcome}/${deciding(result)}`,
        );
    });
    perCategory.set(key, row);
  }
  say();
  say('### guidelines-examples.jsonl: outcome and category as expected');
  say();
  say(`| expected category | lines | ${VARIANTS.map((v) => `pass, ${v.name}`).join(' | ')} |`);
  say('| --- | ---: | ---: | ---: |');
  const allPassed = VARIANTS.map(() => 0);
  for (const [category, row] of perCategory) {
    say(`| ${category} | ${row.lines} | ${row.passed.join(' | ')} |`);
    row.passed.forEach((n, i) => (allPassed[i] += n));
  }
  say(`| **all** | ${examples.length} | ${allPassed.join(' | ')} |`);
  const failures = [...perCategory.values()].flatMap((r) => r.failed);
  if (failures.length > 0) for (const f of failures) say(`- FAILED ${f}`);

  // --- (b) SDCNL: held per forum and split
  const results = posts.map((post) => {
    const variants = VARIANTS.map((v) => check(post.text, v.scoredModel));
    return { post, variants, result: variants[SCORED_MODEL_BY_DEFAULT ? 1 : 0] };
  });
  const held = (rows: typeof results, i: number) => rows.filter((r) => r.variants[i].outcome === 'hold').length;
  say();
  say('### sdcnl.jsonl: share of posts held for the Top 3 (and warned)');
  say();
  say(`| forum | split | posts | ${VARIANTS.map((v) => `held, ${v.name}`).join(' | ')} | warned |`);
  say('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const label of ['suicide-forum', 'depression-forum'] as const) {
    for (const split of ['training', 'testing', 'all'] as const) {
      const rows = results.filter((r) => r.post.label === label && (split === 'all' || r.post.split === split));
      const warned = rows.filter((r) => r.result.outcome === 'warn').length;
      const cells = VARIANTS.map((_, i) => share(held(rows, i), rows.length)).join(' | ');
      say(`| ${label} | ${split} | ${rows.length} | ${cells} | ${share(warned, rows.length)} |`);
    }
  }
  const heldBy = new Map<string, number>();
  for (const { post, variants } of results) {
    const result = variants[1];
    const category = deciding(result);
    if (result.outcome !== 'hold' || category === null) continue;
    const key = `${post.label}|${category}${byModel(result) ? ' (model)' : ''}`;
    heldBy.set(key, (heldBy.get(key) ?? 0) + 1);
  }
  say();
  say('Held posts by the guideline that held them (rules + model):');
  say();
  say('| guideline | suicide-forum | depression-forum |');
  say('| --- | ---: | ---: |');
  for (const category of [
    'imminent-harm-self',
    'imminent-harm-self (model)',
    'self-harm-account',
    'imminent-harm-others',
    'abuse',
  ] as const) {
    say(
      `| ${category} | ${heldBy.get(`suicide-forum|${category}`) ?? 0} | ${heldBy.get(`depression-forum|${category}`) ?? 0} |`,
    );
  }

  // --- (b) against the hand-labelled sample
  say();
  say('### Hand-labelled sample: are the posts that announce intent, a plan or an act held?');
  say();
  say(
    'Labels in `libs/guidelines/test-data/sdcnl-labels.jsonl` (written before tuning; see the README there): ' +
      '*announces* = a present wish or intent to die or to hurt oneself, a plan, means, a timeframe, a goodbye, or a recent act; ' +
      '*ideation* = suicidal thoughts talked about without that (hypotheticals, "no reason to live", past attempts, "I won\'t do it"); ' +
      '*other* = everything else (feelings, venting, questions, supporting others). All 193 testing suicide-forum posts are labelled, ' +
      'plus random samples of the other three groups; *holdout* (250 posts) and *holdout2* (300) are the first two blind samples, ' +
      'each retired to tuning data on 2026-12-02 once measured; *holdout3* (300) is the third, used only to measure: its posts are ' +
      'never listed. A split with no labels yet is left out.',
  );
  say();
  say(`| split | label | posts | ${VARIANTS.map((v) => `held, ${v.name}`).join(' | ')} |`);
  say('| --- | --- | ---: | ---: | ---: |');
  const byId = new Map(results.map((r) => [r.post.id, r]));
  const labelRows = (split: Labelled['split'], judgement: Judgement, forum?: Post['label']) =>
    [...labelled.values()]
      .filter((l) => l.split === split && l.label === judgement)
      .flatMap((l) => {
        // A label whose post is not in this sdcnl.jsonl (another copy of the file) is left out.
        const row = byId.get(l.id);
        return row !== undefined && (!forum || row.post.label === forum) ? [row] : [];
      });
  const present = SPLITS.filter((split) => [...labelled.values()].some((l) => l.split === split));
  for (const split of present) {
    for (const judgement of ['announces', 'ideation', 'other'] as const) {
      const rows = labelRows(split, judgement);
      say(
        `| ${split} | ${judgement} | ${rows.length} | ${VARIANTS.map((_, i) => share(held(rows, i), rows.length)).join(' | ')} |`,
      );
    }
  }
  for (const split of present.filter((s) => s.startsWith('holdout'))) {
    say();
    say(
      BLIND_SPLITS.includes(split)
        ? `${split} by forum (seeded random, labelled blind; figures only):`
        : `${split} by forum (seeded random; tuning data since 2026-12-02):`,
    );
    say();
    say('| forum | checker | announces held | ideation held | other held | all held |');
    say('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const forum of ['suicide-forum', 'depression-forum'] as const) {
      VARIANTS.forEach((v, i) => {
        const cells = (['announces', 'ideation', 'other'] as const).map((j) => {
          const rows = labelRows(split, j, forum);
          return { n: rows.length, held: held(rows, i) };
        });
        const all = cells.reduce((a, c) => ({ n: a.n + c.n, held: a.held + c.held }), { n: 0, held: 0 });
        say(
          `| ${forum} | ${v.name} | ${cells.map((c) => share(c.held, c.n)).join(' | ')} | ${share(all.held, all.n)} |`,
        );
      });
    }
  }

  // --- (c) speed
  const texts = posts.map((p) => p.text);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const timeIt = (f: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      f();
      runs.push(performance.now() - t0);
    }
    return median(runs);
  };
  let sink = 0;
  const baseline = timeIt(() => {
    for (const t of texts) if (/\b(?:kill|die|suicide|cut)\b/.test(t.toLowerCase())) sink++;
  });
  const checker = timeIt(() => {
    for (const t of texts) sink += check(t, false).findings.length;
  });
  const withModel = timeIt(() => {
    for (const t of texts) sink += check(t, true).findings.length;
  });
  const longest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  const longestMs = timeIt(() => {
    sink += checkText(longest).findings.length;
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'guidelines-eval-'));
  const t0 = performance.now();
  const batch = await checkJsonl(path.join(evalDir, 'sdcnl.jsonl'), path.join(dir, 'out.jsonl'));
  const batchMs = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  say();
  say(`### Speed: ${posts.length} sdcnl posts, ${(chars / 1e6).toFixed(2)} MB of text, median of 5 runs`);
  say();
  say('| pass | total | posts/s |');
  say('| --- | ---: | ---: |');
  say(
    `| baseline: lower-case + one regex | ${baseline.toFixed(1)} ms | ${Math.round(posts.length / (baseline / 1000))} |`,
  );
  say(`| checkText, rules only | ${checker.toFixed(0)} ms | ${Math.round(posts.length / (checker / 1000))} |`);
  say(`| checkText, rules + model | ${withModel.toFixed(0)} ms | ${Math.round(posts.length / (withModel / 1000))} |`);
  say(
    `| checkJsonl over sdcnl.jsonl (read, check, write; model ${SCORED_MODEL_BY_DEFAULT ? 'on' : 'off'}) | ${batchMs.toFixed(0)} ms | ${Math.round(batch.lines / (batchMs / 1000))} |`,
  );
  say();
  say(
    `Longest post (${longest.length} characters): ${longestMs.toFixed(1)} ms. ` +
      `checkJsonl: ${batch.lines} lines, ${batch.held} held, ${batch.warned} warned, ${batch.invalid} invalid.`,
  );

  console.log(out.join('\n'));
  if (sink < 0) console.error('unreachable: keeps the timed work observable');

  const labelledSplit = (id: string) => labelled.get(id)?.split;
  if (flag('--examples')) {
    const show = (title: string, rows: typeof results) => {
      console.error(`\n# ${title} (${rows.length})`);
      for (const { post, result } of rows) {
        const why = result.findings[0]?.reason ?? '';
        console.error(
          `- ${post.id} [${post.label}, ${labelledSplit(post.id)}] ${why}\n    ${post.text.slice(0, 300).replace(/\s+/g, ' ')}`,
        );
      }
    };
    // Only tuning splits are listed: reading a blind sample's misses (holdout3) would make it one
    // more tuning set. An allow-list, so a split added later is blind until it is put here.
    const judged = (j: Judgement) =>
      results
        .filter((r) => {
          const split = labelledSplit(r.post.id);
          return labels.get(r.post.id) === j && split !== undefined && TUNING_SPLITS.has(split);
        })
        .map((r) => ({ ...r, result: r.variants[1] }));
    show(
      'announces, not held',
      judged('announces').filter((r) => r.result.outcome !== 'hold'),
    );
    show(
      'other, held',
      judged('other').filter((r) => r.result.outcome === 'hold'),
    );
    show(
      'ideation, held',
      judged('ideation').filter((r) => r.result.outcome === 'hold'),
    );
  }
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

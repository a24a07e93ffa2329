/**
 * The three outcomes on the hand-labelled forum posts (libs/guidelines/test-data/sdcnl-labels.jsonl
 * over ../shared/eval/sdcnl.jsonl): the rules alone, and the rules with the sentence model (whose
 * head never saw these posts: it was trained on the board-style posts' tuning split). Prints a
 * Markdown table for BENCHMARKS.md; the blind split (holdout3) is counted, never listed.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/forum-eval.ts [--eval-dir ../shared/eval]
 *
 * The forum labels predate check-in: *announces* covers a present wish to die as well as intent, a
 * plan or an act, so for it both "held" and "held or checked in" are shown.
 */
import { readFileSync } from 'node:fs';
import { pct } from './lib/shares';
import path from 'node:path';
import { CheckResult, DEFAULT_GUIDELINES, checkText, needsCheckIn, readAllTexts } from '@p2p/guidelines';

interface Labelled {
  id: string;
  split: string;
  label: 'announces' | 'ideation' | 'other';
}
interface Post {
  id: string;
  text: string;
}

const repo = path.resolve(__dirname, '..');
const at = process.argv.indexOf('--eval-dir');
const evalDir = at > 0 ? process.argv[at + 1] : path.join(repo, '../shared/eval');
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

const labels = readJsonl<Labelled>(path.join(repo, 'libs/guidelines/test-data/sdcnl-labels.jsonl'));
const texts = new Map(readJsonl<Post>(path.join(evalDir, 'sdcnl.jsonl')).map((p) => [p.id, p.text]));
const posts = labels.flatMap((l) => (texts.has(l.id) ? [{ ...l, text: texts.get(l.id)! }] : []));

async function main(): Promise<void> {
  const read = await readAllTexts(
    posts.map((p) => p.text),
    16,
  );
  const meaning = new Map(posts.map((p, i) => [p.id, read[i]]));
  const readers: [string, (p: (typeof posts)[number]) => CheckResult][] = [
    ['rules alone', (p) => checkText(p.text, DEFAULT_GUIDELINES)],
    ['rules + sentence model', (p) => checkText(p.text, DEFAULT_GUIDELINES, { meaning: meaning.get(p.id) })],
  ];
  const out = [
    '| split | reader | announces held | announces held or checked in | ideation checked in or held | other held | other checked in |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const split of ['holdout3', 'tuning splits']) {
    const mine = posts.filter((p) => (split === 'holdout3' ? p.split === 'holdout3' : p.split !== 'holdout3'));
    for (const [name, read] of readers) {
      const r = new Map(mine.map((p) => [p.id, read(p)]));
      const of = (label: Labelled['label']) => mine.filter((p) => p.label === label);
      const count = (label: Labelled['label'], hit: (c: CheckResult) => boolean) =>
        pct(of(label).filter((p) => hit(r.get(p.id)!)).length, of(label).length);
      const held = (c: CheckResult) => c.outcome === 'hold';
      const seen = (c: CheckResult) => held(c) || needsCheckIn(c);
      out.push(
        `| ${split} | ${name} | ${count('announces', held)} | ${count('announces', seen)} | ${count('ideation', seen)} | ${count('other', held)} | ${count('other', (c) => !held(c) && needsCheckIn(c))} |`,
      );
    }
  }
  out.push('');
  out.push(
    `${posts.length} hand-labelled forum posts; holdout3 (${posts.filter((p) => p.split === 'holdout3').length}) is blind, counted only.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

/**
 * Measures the guidelines checker on the board-style posts written for it
 * (libs/guidelines/test-data/board-posts.jsonl, labelled by docs/guidelines-labelling.md) against
 * the goals of the three outcomes, and prints a Markdown section for BENCHMARKS.md on stdout:
 *
 * - intent, plan, act and goodbye posts held;
 * - thoughts (ideation, urges, recent self-injury) checked in or held;
 * - everyday, supportive, recovery and the other published kinds held, and checked in;
 * - threats held, abuse held, contact details warned;
 *
 * per split (tuning, blind) and per reading: standard (the rules), careful (with the older scored
 * model), and standard with the sentence model (libs/guidelines/src/meaning, the board's default
 * when it loads). The sentence model's head was trained on the tuning split, so its tuning figures
 * are in-sample; the blind ones are not.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register bench/board-eval.ts [--examples]
 *
 * --examples lists, on stderr, the tuning split's posts whose outcome misses its label. The blind
 * split is only ever counted: its posts are never listed, so it stays blind.
 */
import { readFileSync } from 'node:fs';
import { pct } from './lib/shares';
import path from 'node:path';
import {
  CheckOutcome,
  DEFAULT_GUIDELINES,
  GuidelineSet,
  MeaningReading,
  checkText,
  needsCheckIn,
  readAllTexts,
} from '@p2p/guidelines';

interface BoardPost {
  id: string;
  text: string;
  outcome: 'hold' | 'check-in' | 'warn' | 'publish';
  kind: string;
  split: 'tuning' | 'blind';
}

const HARM = new Set(['intent-plan', 'act-underway', 'goodbye']);
const THOUGHTS = new Set(['ideation', 'urges', 'recent-self-injury']);
const PUBLISHED = new Set(['recovery', 'support', 'quote-report', 'idiom-joke', 'hard-feelings', 'everyday']);

const file = path.resolve(__dirname, '../libs/guidelines/test-data/board-posts.jsonl');
const posts: BoardPost[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as BoardPost);
const listExamples = process.argv.includes('--examples');

const careful: GuidelineSet = {
  version: DEFAULT_GUIDELINES.version,
  rules: DEFAULT_GUIDELINES.rules.map((r) => (r.category === 'imminent-harm-self' ? { ...r, reading: 'careful' } : r)),
};

interface Figure {
  name: string;
  goal: string;
  of: (p: BoardPost) => boolean;
  counts: (outcome: CheckOutcome, checkIn: boolean) => boolean;
}

const FIGURES: Figure[] = [
  { name: 'intent, plan, act, goodbye: held', goal: '≥ 95%', of: (p) => HARM.has(p.kind), counts: (o) => o === 'hold' },
  {
    name: 'thoughts, urges, recent self-injury: checked in or held',
    goal: '≥ 90%',
    of: (p) => THOUGHTS.has(p.kind),
    counts: (o, c) => o === 'hold' || c,
  },
  {
    name: 'everyday, supportive, recovery (and other published kinds): held',
    goal: '≤ 2%',
    of: (p) => PUBLISHED.has(p.kind),
    counts: (o) => o === 'hold',
  },
  {
    name: 'everyday, supportive, recovery (and other published kinds): checked in',
    goal: '≤ 10%',
    of: (p) => PUBLISHED.has(p.kind),
    counts: (o, c) => o !== 'hold' && c,
  },
  { name: 'threats to others: held', goal: '', of: (p) => p.kind === 'threat-others', counts: (o) => o === 'hold' },
  { name: 'abuse: held', goal: '', of: (p) => p.kind === 'abuse', counts: (o) => o === 'hold' },
  { name: 'contact details: warned', goal: '', of: (p) => p.kind === 'contact-details', counts: (o) => o === 'warn' },
];

function measure(set: GuidelineSet, split: BoardPost['split'], meaning?: Map<string, MeaningReading>): string[] {
  const mine = posts.filter((p) => p.split === split);
  const results = new Map(
    mine.map((p) => {
      const r = checkText(p.text, set, { meaning: meaning?.get(p.id) });
      return [p.id, { outcome: r.outcome, checkIn: needsCheckIn(r) }];
    }),
  );
  if (listExamples && split === 'tuning' && meaning) {
    for (const p of mine) {
      const { outcome } = results.get(p.id)!;
      if (outcome !== p.outcome)
        process.stderr.write(`${p.id}\t${p.kind}\texpected ${p.outcome}, got ${outcome}\t${p.text}\n`);
    }
  }
  return FIGURES.map((f) => {
    const of = mine.filter(f.of);
    const n = of.filter((p) => {
      const r = results.get(p.id)!;
      return f.counts(r.outcome, r.checkIn);
    }).length;
    return pct(n, of.length);
  });
}

async function main(): Promise<void> {
  const read = await readAllTexts(posts.map((p) => p.text));
  const meaning = new Map(posts.map((p, i) => [p.id, read[i]]));
  const columns: [string, GuidelineSet, BoardPost['split'], Map<string, MeaningReading>?][] = [
    ['standard, tuning', DEFAULT_GUIDELINES, 'tuning'],
    ['careful, tuning', careful, 'tuning'],
    ['standard + sentence model, tuning (in-sample)', DEFAULT_GUIDELINES, 'tuning', meaning],
    ['standard, blind', DEFAULT_GUIDELINES, 'blind'],
    ['careful, blind', careful, 'blind'],
    ['standard + sentence model, blind', DEFAULT_GUIDELINES, 'blind', meaning],
  ];
  const measured = columns.map(([, set, split, m]) => measure(set, split, m));
  const out: string[] = [];
  out.push(`| figure | goal | ${columns.map(([name]) => name).join(' | ')} |`);
  out.push(`| --- | --- | ${columns.map(() => '---').join(' | ')} |`);
  FIGURES.forEach((f, i) => out.push(`| ${f.name} | ${f.goal} | ${measured.map((m) => m[i]).join(' | ')} |`));
  const sizes = (split: string) => posts.filter((p) => p.split === split).length;
  out.push('');
  out.push(
    `Board-style posts (libs/guidelines/test-data/board-posts.jsonl): tuning ${sizes('tuning')}, blind ${sizes('blind')}. ` +
      'The blind split is counted, never listed.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

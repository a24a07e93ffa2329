// Picks the blind "holdout" sample of ../shared/eval/sdcnl.jsonl: posts with no hand label yet,
// 150 suicide-forum and 100 depression-forum, by a fixed seeded shuffle (mulberry32, seed below)
// of the unlabelled ids in file order. Prints one JSON line per picked post (id, split, forum, text)
// for labelling; the text is never stored in this repository.
//   node libs/moderation/test-data/pick-holdout.mjs [path/to/sdcnl.jsonl] > /tmp/holdout.jsonl
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.argv[2] ?? path.join(here, '../../../../shared/eval/sdcnl.jsonl');
const SEED = 20261202;
const WANT = { 'suicide-forum': 150, 'depression-forum': 100 };

const lines = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const labelled = new Set(
  lines(path.join(here, 'sdcnl-labels.jsonl'))
    .filter((l) => l.split !== 'holdout')
    .map((l) => l.id),
);
const posts = lines(source);
for (const [forum, want] of Object.entries(WANT)) {
  const pool = posts.filter((p) => p.label === forum && !labelled.has(p.id));
  const random = mulberry32(SEED);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  for (const p of pool.slice(0, want)) console.log(JSON.stringify({ id: p.id, split: p.split, forum, text: p.text }));
}

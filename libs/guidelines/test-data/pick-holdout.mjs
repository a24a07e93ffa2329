// Picks a blind holdout sample of ../shared/eval/sdcnl.jsonl from posts with no hand label yet, by a
// fixed seeded shuffle (mulberry32) of the unlabelled ids in file order. Prints one JSON line per
// picked post (id, split, forum, text) for labelling; the text is never stored in this repository.
//   node libs/guidelines/test-data/pick-holdout.mjs holdout  [path/to/sdcnl.jsonl] > /tmp/holdout.jsonl
//   node libs/guidelines/test-data/pick-holdout.mjs holdout2 [path/to/sdcnl.jsonl] > /tmp/holdout2.jsonl
//   node libs/guidelines/test-data/pick-holdout.mjs holdout3 [path/to/sdcnl.jsonl] > /tmp/holdout3.jsonl
// `holdout` (2026-12-02 first session): 150 suicide-forum + 100 depression-forum among the posts
// that had no label then. `holdout2` (2026-12-02 second session): 180 + 120 among the posts with
// no label at all once `holdout` was labelled. `holdout3` (the same session, once holdout2 had been
// measured and retired to tuning data): 180 + 120 among the posts with no label at all then.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = {
  holdout: { seed: 20261202, want: { 'suicide-forum': 150, 'depression-forum': 100 } },
  holdout2: { seed: 20261203, want: { 'suicide-forum': 180, 'depression-forum': 120 } },
  holdout3: { seed: 20261204, want: { 'suicide-forum': 180, 'depression-forum': 120 } },
};
const sample = SAMPLES[process.argv[2]];
if (!sample) {
  console.error(`say which sample: ${Object.keys(SAMPLES).join(' or ')}`);
  process.exit(2);
}
const source = process.argv[3] ?? path.join(here, '../../../../shared/eval/sdcnl.jsonl');

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

// Labels of this sample itself (and of samples drawn after it) do not count as "already labelled",
// so the draw is the same before and after its labels are added to the file.
const drawnLater = new Set(Object.keys(SAMPLES).slice(Object.keys(SAMPLES).indexOf(process.argv[2])));
const labelled = new Set(
  lines(path.join(here, 'sdcnl-labels.jsonl'))
    .filter((l) => !drawnLater.has(l.split))
    .map((l) => l.id),
);
const posts = lines(source);
for (const [forum, want] of Object.entries(sample.want)) {
  const pool = posts.filter((p) => p.label === forum && !labelled.has(p.id));
  const random = mulberry32(sample.seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  for (const p of pool.slice(0, want)) console.log(JSON.stringify({ id: p.id, split: p.split, forum, text: p.text }));
}

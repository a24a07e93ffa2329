// Assigns the board-style posts to their splits, and draws the second labeller's sample:
//   node libs/guidelines/test-data/board-split.mjs split  board-a.jsonl board-b.jsonl … > board-posts.jsonl
//   node libs/guidelines/test-data/board-split.mjs sample board-posts.jsonl > second-labeller-sample.jsonl
// `split`: a quarter of each writer's posts of each kind, chosen by a seeded hash of the id, is
// `blind` (never read while tuning); the rest is `tuning`. Each round of writers is split so when
// it is added; the newest round's quarter is the blind split, and the earlier rounds' blind
// quarters are retired to tuning (`"was": "blind"`; README.md says which round is blind now).
// `sample`: 300 posts (seeded, across all splits), with id and text only, for a second labeller
// who must not see the first labels.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SEED = '20261207';
const rank = (id, salt) => createHash('sha256').update(`${SEED}:${salt}:${id}`).digest('hex');
const read = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

const [mode, ...files] = process.argv.slice(2);
const posts = files.flatMap(read);
if (mode === 'split') {
  const groups = new Map();
  for (const p of posts) {
    const key = `${p.writer}/${p.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const blind = new Set();
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => rank(a.id, 'split').localeCompare(rank(b.id, 'split')));
    ordered.slice(0, Math.round(group.length / 4)).forEach((p) => blind.add(p.id));
  }
  for (const p of posts)
    process.stdout.write(`${JSON.stringify({ ...p, split: blind.has(p.id) ? 'blind' : 'tuning' })}\n`);
} else if (mode === 'sample') {
  const ordered = [...posts].sort((a, b) => rank(a.id, 'sample').localeCompare(rank(b.id, 'sample')));
  for (const p of ordered.slice(0, 300)) process.stdout.write(`${JSON.stringify({ id: p.id, text: p.text })}\n`);
} else {
  process.stderr.write('usage: board-split.mjs split FILES… | sample FILE\n');
  process.exit(2);
}

/**
 * Trains the head that reads meaning from the sentence encoder's embeddings
 * (libs/guidelines/src/meaning) and writes libs/guidelines/src/meaning/meaning-head.json.
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register libs/guidelines/scripts/train-meaning-head.ts
 *
 * Data: the tuning split of libs/guidelines/test-data/board-posts.jsonl only; the blind split is
 * never read here. Classes by kind: harm (intent-plan, act-underway, goodbye), thoughts (ideation,
 * urges, recent-self-injury), other (everything else). Features: the sentence embedding, then the
 * TF-IDF of the words and word pairs found in at least MIN_DOCS training posts. A multinomial
 * logistic regression on standardised features, classes weighted to count equally, full-batch
 * gradient descent with L2, deterministic. Embeddings are cached in the system's temporary folder
 * by the data's and the encoder's names, so a second run takes seconds. The thresholds are
 * chosen on out-of-fold probabilities of a 5-fold cross-validation on the same tuning posts: the
 * lowest harm threshold that holds at most HOLD_BUDGET of the `other` posts, and the lowest
 * harm + thoughts threshold that checks in at most CHECK_IN_BUDGET of them. Reproducible: the same
 * data and encoder give the same file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ENCODER_NAME,
  MEANING_CLASSES,
  MeaningHead,
  loadEncoder,
  readPostMeaning,
  termFeatures,
  termsOf,
} from '../src/meaning';

const HOLD_BUDGET = 0.015;
const CHECK_IN_BUDGET = 0.08;
const FOLDS = 5;
const STEPS = 400;
const RATE = 0.3;
const L2 = 0.1;
const MIN_DOCS = 2;

const HARM = new Set(['intent-plan', 'act-underway', 'goodbye']);
const THOUGHTS = new Set(['ideation', 'urges', 'recent-self-injury']);

interface BoardPost {
  id: string;
  text: string;
  kind: string;
  split: string;
}

const repo = path.resolve(__dirname, '../../..');
const dataFile = 'libs/guidelines/test-data/board-posts.jsonl';
const out = path.join(repo, 'libs/guidelines/src/meaning/meaning-head.json');

const lines = readFileSync(path.join(repo, dataFile), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const tuningLines = lines.filter((l) => (JSON.parse(l) as BoardPost).split === 'tuning');
const posts = tuningLines.map((l) => JSON.parse(l) as BoardPost);
const labels = posts.map((p) => (HARM.has(p.kind) ? 0 : THOUGHTS.has(p.kind) ? 1 : 2));

/** Terms in at least MIN_DOCS of the posts, in first-seen order, with smoothed IDF. */
function vocabulary(texts: string[]): { terms: string[]; idf: number[] } {
  const docs = new Map<string, number>();
  for (const t of texts) for (const term of new Set(termsOf(t))) docs.set(term, (docs.get(term) ?? 0) + 1);
  const terms = [...docs.entries()].filter(([, n]) => n >= MIN_DOCS).map(([term]) => term);
  const idf = terms.map((term) => Math.log((1 + texts.length) / (1 + docs.get(term)!)) + 1);
  return { terms, idf };
}

/**
 * A feature row kept sparse: the embedding's dimensions are all there, a post's terms are a few
 * dozen of thousands. Standardising would make every row dense; the fit below folds the mean and
 * standard deviation into the weights instead, which is the same arithmetic.
 */
interface SparseRow {
  index: Int32Array;
  value: Float64Array;
}

function sparseRow(embedding: readonly number[], terms: number[]): SparseRow {
  const at: number[] = [];
  const values: number[] = [];
  embedding.forEach((v, k) => {
    at.push(k);
    values.push(v);
  });
  terms.forEach((v, k) => {
    if (v !== 0) {
      at.push(embedding.length + k);
      values.push(v);
    }
  });
  return { index: Int32Array.from(at), value: Float64Array.from(values) };
}

function standardiser(rows: SparseRow[], d: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(d);
  const squares = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < r.index.length; j++) {
      sum[r.index[j]] += r.value[j];
      squares[r.index[j]] += r.value[j] * r.value[j];
    }
  }
  const n = rows.length;
  const mean = Array.from(sum, (s) => s / n);
  const std = mean.map((m, k) => Math.sqrt(Math.max(0, squares[k] / n - m * m)) || 1);
  return { mean, std };
}

/**
 * Full-batch gradient descent on standardised features, x' = (x - mean) / std, without making
 * x' dense: a class's score is b - sum(w * mean / std) + sum over the row's entries of
 * (w / std) * x, and the gradient for a weight is (sum(g * x) - mean * sum(g)) / std.
 */
function train(rows: SparseRow[], ys: number[], d: number): Pick<MeaningHead, 'mean' | 'std' | 'weights' | 'bias'> {
  const { mean, std } = standardiser(rows, d);
  // Each class counts as much as the others, however many posts it has.
  const perClass = MEANING_CLASSES.map((_, c) => ys.filter((y) => y === c).length);
  const weightOf = ys.map((y) => ys.length / (MEANING_CLASSES.length * perClass[y]));
  const n = rows.length;
  const classes = MEANING_CLASSES.length;
  const w = new Float64Array(classes * d);
  const u = new Float64Array(classes * d);
  const b = new Float64Array(classes);
  const offset = new Float64Array(classes);
  const gx = new Float64Array(classes * d);
  const gsum = new Float64Array(classes);
  const z = new Float64Array(classes);
  for (let step = 0; step < STEPS; step++) {
    for (let c = 0; c < classes; c++) {
      let o = 0;
      for (let k = 0; k < d; k++) {
        u[c * d + k] = w[c * d + k] / std[k];
        o += u[c * d + k] * mean[k];
      }
      offset[c] = o;
    }
    gx.fill(0);
    gsum.fill(0);
    for (let i = 0; i < n; i++) {
      const { index, value } = rows[i];
      let top = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = b[c] - offset[c];
        const uc = c * d;
        for (let j = 0; j < index.length; j++) s += u[uc + index[j]] * value[j];
        z[c] = s;
        if (s > top) top = s;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += z[c] = Math.exp(z[c] - top);
      for (let c = 0; c < classes; c++) {
        const g = (z[c] / sum - (ys[i] === c ? 1 : 0)) * weightOf[i];
        const gc = c * d;
        for (let j = 0; j < index.length; j++) gx[gc + index[j]] += g * value[j];
        gsum[c] += g;
      }
    }
    for (let c = 0; c < classes; c++) {
      for (let k = 0; k < d; k++) {
        const grad = (gx[c * d + k] - mean[k] * gsum[c]) / std[k];
        w[c * d + k] -= RATE * (grad / n + L2 * w[c * d + k]);
      }
      b[c] -= (RATE * gsum[c]) / n;
    }
  }
  const weights = Array.from({ length: classes }, (_, c) => Array.from(w.subarray(c * d, (c + 1) * d)));
  return { mean, std, weights, bias: Array.from(b) };
}

/** The lowest threshold at which at most `budget` of the scores reach it. */
function thresholdFor(scores: number[], budget: number): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const allowed = Math.floor(budget * sorted.length);
  return Math.min(0.99, (sorted[allowed] ?? 0) + 1e-6);
}

async function embeddingsOf(texts: string[]): Promise<number[][]> {
  const key = createHash('sha256')
    .update(`${ENCODER_NAME}\n${texts.join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  const cache = path.join(tmpdir(), `p2p-meaning-embeddings-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as number[][];
  const encoder = await loadEncoder();
  const embeddings: number[][] = [];
  for (let i = 0; i < texts.length; i += 32) embeddings.push(...(await encoder.embed(texts.slice(i, i + 32))));
  writeFileSync(cache, JSON.stringify(embeddings));
  return embeddings;
}

async function main(): Promise<void> {
  const embeddings = await embeddingsOf(posts.map((p) => p.text));
  const dimensions = embeddings[0].length;
  /** A head fitted on some posts: its vocabulary comes from those posts only. */
  const fitOn = (idx: number[]): MeaningHead => {
    const { terms, idf } = vocabulary(idx.map((i) => posts[i].text));
    const rows = idx.map((i) => sparseRow(embeddings[i], termFeatures(terms, idf, posts[i].text)));
    return {
      classes: MEANING_CLASSES,
      dimensions,
      terms,
      idf,
      ...train(
        rows,
        idx.map((i) => labels[i]),
        dimensions + terms.length,
      ),
      holdAt: 1,
      checkInAt: 1,
      trainedOn: { data: dataFile, sha256: '', rows: idx.length, encoder: ENCODER_NAME },
    };
  };
  const all = posts.map((_, i) => i);

  // Out-of-fold readings: each post read by a head that never saw it.
  const fold = posts.map((p) => parseInt(createHash('sha256').update(p.id).digest('hex').slice(0, 8), 16) % FOLDS);
  const oof = new Array<{ harm: number; thoughts: number }>(posts.length);
  for (let f = 0; f < FOLDS; f++) {
    const head = fitOn(all.filter((i) => fold[i] !== f));
    all.forEach((i) => {
      if (fold[i] === f) oof[i] = readPostMeaning(head, embeddings[i], posts[i].text);
    });
  }
  const others = posts.map((_, i) => i).filter((i) => labels[i] === 2);
  const holdAt = thresholdFor(
    others.map((i) => oof[i].harm),
    HOLD_BUDGET,
  );
  const checkInAt = thresholdFor(
    others.filter((i) => oof[i].harm < holdAt).map((i) => oof[i].harm + oof[i].thoughts),
    CHECK_IN_BUDGET,
  );
  const share = (of: number[], hit: (i: number) => boolean) => of.filter(hit).length / of.length;
  const harmIdx = posts.map((_, i) => i).filter((i) => labels[i] === 0);
  const thoughtIdx = posts.map((_, i) => i).filter((i) => labels[i] === 1);
  const cv = {
    harmHeld: share(harmIdx, (i) => oof[i].harm >= holdAt),
    thoughtsCheckedInOrHeld: share(
      thoughtIdx,
      (i) => oof[i].harm >= holdAt || oof[i].harm + oof[i].thoughts >= checkInAt,
    ),
    otherHeld: share(others, (i) => oof[i].harm >= holdAt),
    otherCheckedIn: share(others, (i) => oof[i].harm < holdAt && oof[i].harm + oof[i].thoughts >= checkInAt),
  };

  const head: MeaningHead & { crossValidated: typeof cv } = {
    ...fitOn(all),
    holdAt: Number(holdAt.toFixed(6)),
    checkInAt: Number(checkInAt.toFixed(6)),
    trainedOn: {
      data: `${dataFile} (split tuning)`,
      sha256: createHash('sha256').update(tuningLines.join('\n')).digest('hex'),
      rows: posts.length,
      encoder: ENCODER_NAME,
    },
    crossValidated: cv,
  };
  const round = (v: number) => Number(v.toFixed(6));
  head.idf = head.idf.map(round);
  head.mean = head.mean.map(round);
  head.std = head.std.map(round);
  head.weights = head.weights.map((w) => w.map(round));
  head.bias = head.bias.map(round);
  writeFileSync(out, `${JSON.stringify(head)}\n`);
  process.stdout.write(
    `Wrote ${path.relative(repo, out)}: ${posts.length} tuning posts, holdAt ${head.holdAt}, checkInAt ${head.checkInAt}\n` +
      `5-fold cross-validated on the tuning posts, the head alone: ${JSON.stringify(cv)}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

import { coping, longAgo, negatedLead, quotedFromSomeoneElse } from '../language/context';
import { Hit, hits, pattern } from '../language/patterns';
import { Sentence } from '../language/sentences';
import { firstPersonLead } from '../detectors/rules';
import { DEATH, SELF_ACT, SELF_ACT_ING } from '../detectors/self-harm-words';
import { Detection, Post } from '../detectors/types';
import { postFeatures, sentenceFeatures } from './features';

/**
 * A small scored model beside the phrase rules: L2-regularised logistic regression over the
 * post's words and word pairs (see ./features.ts), trained by
 * libs/guidelines/scripts/train-guidelines-model.ts. It can only add a hold for
 * imminent-harm-self when the whole post scores past the threshold AND one of its sentences
 * holds first-person words about dying or self-harm that pass the same guards as the rules
 * (negation, supposition, someone else's words, the past, a crisis plan used). So a post with no
 * such words, however it scores, is never held by the model.
 */
export interface ScoredModel {
  /** Which guideline category the model scores for. */
  category: 'imminent-harm-self';
  /** Score (0-1) at or above which the model may hold a post. */
  threshold: number;
  bias: number;
  /** Feature → weight (features not listed weigh nothing). */
  weights: Record<string, number>;
}

/** A model read from its JSON, checked enough that a bad file fails loudly at start-up. */
export function loadScoredModel(json: unknown): ScoredModel {
  const m = json as Partial<ScoredModel> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    m.category !== 'imminent-harm-self' ||
    typeof m.threshold !== 'number' ||
    !(m.threshold > 0 && m.threshold < 1) ||
    typeof m.bias !== 'number' ||
    typeof m.weights !== 'object' ||
    m.weights === null
  ) {
    throw new TypeError('The scored model file is not a valid imminent-harm-self model.');
  }
  const weights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [feature, w] of Object.entries(m.weights)) {
    if (typeof w !== 'number' || !Number.isFinite(w))
      throw new TypeError(`The scored model weight for "${feature}" is not a number.`);
    weights[feature] = w;
  }
  return { category: 'imminent-harm-self', threshold: m.threshold, bias: m.bias, weights };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Each present feature counts 1/sqrt(number of distinct features), so a two-line board post and
 * a long forum post are scored on the same scale (a plain sum would let long posts pile up).
 */
export function lengthScale(distinctFeatures: number): number {
  return distinctFeatures === 0 ? 0 : 1 / Math.sqrt(distinctFeatures);
}

/** The model's score for a whole post, 0-1. */
export function scorePost(model: ScoredModel, sentences: readonly Pick<Sentence, 'words'>[]): number {
  const features = postFeatures(sentences);
  let z = 0;
  for (const f of features) z += model.weights[f] ?? 0;
  return sigmoid(model.bias + z * lengthScale(features.size));
}

/**
 * First-person words about dying or self-harm, over canonical text: the acts and death wishes the
 * rules are built from, plus the words of preparing and parting that the rules only take with a
 * set phrase around them ("go through with it", "a note", "goodbye", "my life to end", "jumped").
 */
const HARM_WORDS = pattern(
  `\\b(?:${SELF_ACT}|${SELF_ACT_ING}|${DEATH}|suicid[a-z]*|dead|death|kill me|(?:not|never|no longer) (?:want|wanting|wish) to (?:live|be alive|be here|exist|wake up)|live anymore|living anymore|be alive anymore|(?:my life|it|it all|this|everything|things|my pain|the pain) to (?:end|be over)|(?:go|going|went|follow|following|followed) through with (?:it|this|the plan|my plan)|follow through|do it right|(?:a|the|my|suicide) note|goodbyes?|good byes?|my last (?:post|message|day|night|time)|the last time|methods?|lethal|fatal|overdos[a-z]*|jump(?:ed|ing)?|survived|noose|pull(?:ed)? the trigger|want out|wanted out)\\b`,
);
const HARM_HINT =
  /\b(?:die|dying|dead|death|suicid[a-z]*|kill|killing|myself|life|live|living|alive|exist|existing|wake|it|this|everything|things|pain|overdos[a-z]*|od|cut|cutting|jump|jumped|jumping|hang|self|gone|sleep|disappear|perish|breathing|end|ending|quit|rest|through|note|goodbye|goodbyes|good|last|methods?|lethal|fatal|survived|noose|trigger|out)\b/;
/** A negation just before, in the same clause: "I don't want to kill myself", "I'm not going to hurt myself". */
const NEGATION_JUST_BEFORE = /\b(?:not|never|no|nobody|no one|nothing)\b(?: (?!but\b|and\b|so\b|because\b)\S+){0,3} $/;
/**
 * A supposition: "if I ever...", "even if I wanted to die". Narrower than the rules' own guard,
 * which also sets aside time clauses ("before I jump", "when I die"): here the score weighs those.
 */
const SUPPOSED = /\b(?:if|whether|unless|in case|what if|even if|as if|like if|suppose|imagine)(?: i)?(?: \S+){0,3} $/;
const OWN_NEGATION = /^(?:not|never|no longer) /;

/** A sentence's first-person harm words that a careful reader would take at face value, if any. */
function faceValueHarm(post: Post, s: Sentence): Hit | null {
  if (!HARM_HINT.test(s.text)) return null;
  if (coping(post.sentences, s) || longAgo(post.sentences, s)) return null;
  HARM_WORDS.lastIndex = 0;
  for (const hit of hits(s, HARM_WORDS)) {
    if (quotedFromSomeoneElse(hit) || !firstPersonLead(hit)) continue;
    const matched = s.text.slice(hit.cStart, hit.cEnd);
    const lead = s.text.slice(Math.max(0, hit.cStart - 40), hit.cStart);
    if (!OWN_NEGATION.test(matched) && (negatedLead(hit) || NEGATION_JUST_BEFORE.test(lead))) continue;
    if (SUPPOSED.test(lead.slice(-30))) continue;
    return hit;
  }
  return null;
}

/** Whether any sentence holds first-person harm words taken at face value: the model's gate. */
export function hasFaceValueHarm(post: Post): boolean {
  return post.sentences.some((s) => faceValueHarm(post, s) !== null);
}

const MODEL_STRENGTH = 40;
const SHOWN_WORDS = 4;

/**
 * What the model adds for one post: at most one imminent-harm-self detection, quoting the
 * sentence with first-person harm words that weighs most, and saying which words weighed most.
 */
export function detectByModel(post: Post, model: ScoredModel): Detection | null {
  const score = scorePost(model, post.sentences);
  if (score < model.threshold) return null;
  let best: { s: Sentence; weight: number; words: Map<string, number> } | null = null;
  for (const s of post.sentences) {
    if (faceValueHarm(post, s) === null) continue;
    const words = new Map<string, number>();
    for (const f of sentenceFeatures(s)) {
      const w = model.weights[f] ?? 0;
      if (w > 0) words.set(f, w);
    }
    const weight = [...words.values()].reduce((a, b) => a + b, 0);
    if (best === null || weight > best.weight) best = { s, weight, words };
  }
  if (best === null) return null;
  const strongest = [...best.words]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, SHOWN_WORDS)
    .map(([f]) => `"${f.replace(/!/g, 'not ')}"`);
  return {
    category: 'imminent-harm-self',
    start: best.s.start,
    end: best.s.end,
    reason:
      `the whole post reads like posts that announce intent, a plan or an act (model score ${score.toFixed(2)}` +
      (strongest.length > 0 ? `; words weighing most here: ${strongest.join(', ')})` : ')'),
    strength: MODEL_STRENGTH,
  };
}

/**
 * How a written word is read: lower case, contractions spelled out, common board spellings and
 * typos mended ("im gonna" -> "i am going to", "tonite" -> "tonight"). The detectors only ever see
 * these canonical words, so each pattern is written once.
 */

/** Whole-word replacements. A value may be several words. */
// A map without a prototype: written words such as "constructor" must not find Object's own members.
const WORDS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  im: 'i am',
  "i'm": 'i am',
  ive: 'i have',
  "i've": 'i have',
  "i'll": 'i will',
  "i'd": 'i would',
  "you're": 'you are',
  youre: 'you are',
  "you've": 'you have',
  "you'll": 'you will',
  "you'd": 'you would',
  "we're": 'we are',
  "they're": 'they are',
  theyre: 'they are',
  "let's": 'let us',
  lets: 'let us',
  its: 'it is',
  thats: 'that is',
  whats: 'what is',
  theres: 'there is',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  "can't": 'can not',
  wont: 'will not',
  "won't": 'will not',
  wouldnt: 'would not',
  couldnt: 'could not',
  shouldnt: 'should not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  aint: 'am not',
  "ain't": 'am not',
  "shan't": 'shall not',
  mustnt: 'must not',
  gonna: 'going to',
  imma: 'i am going to',
  ima: 'i am going to',
  gunna: 'going to',
  gona: 'going to',
  finna: 'going to',
  wanna: 'want to',
  wana: 'want to',
  wanta: 'want to',
  gotta: 'got to',
  hafta: 'have to',
  tryna: 'trying to',
  lemme: 'let me',
  u: 'you',
  l: 'i',
  ya: 'you',
  ur: 'your',
  yall: 'you all',
  "y'all": 'you all',
  tonite: 'tonight',
  tonigh: 'tonight',
  '2nite': 'tonight',
  '2night': 'tonight',
  toinght: 'tonight',
  tonght: 'tonight',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorroe: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tomoz: 'tomorrow',
  '2day': 'today',
  rn: 'right now',
  kms: 'kill myself',
  kys: 'kill yourself',
  unalive: 'kill',
  kil: 'kill',
  kll: 'kill',
  myslef: 'myself',
  mysefl: 'myself',
  myeslf: 'myself',
  mysef: 'myself',
  myelf: 'myself',
  mself: 'myself',
  meself: 'myself',
  msyelf: 'myself',
  yourslef: 'yourself',
  sucide: 'suicide',
  suicde: 'suicide',
  suiside: 'suicide',
  sucicide: 'suicide',
  suecide: 'suicide',
  suicid: 'suicide',
  sucidal: 'suicidal',
  suicidial: 'suicidal',
  suisidal: 'suicidal',
  selfharm: 'self harm',
  selfharming: 'self harming',
  selfharmed: 'self harmed',
  "sh'd": 'self harmed',
  "od'd": 'overdosed',
  oded: 'overdosed',
  "od'ed": 'overdosed',
  wakeup: 'wake up',
  'good-bye': 'goodbye',
  'good-byes': 'goodbyes',
  'e-mail': 'email',
  'e-mails': 'emails',
  'one-to-one': 'one to one',
  byee: 'bye',
  soo: 'so',
  noo: 'no',
  pleasee: 'please',
  helpp: 'help',
  whyy: 'why',
  pls: 'please',
  plz: 'please',
  plox: 'please',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  cause: 'because',
  idk: 'i do not know',
  idc: 'i do not care',
  thx: 'thanks',
  ty: 'thank you',
  everyday: 'every day',
  gf: 'girlfriend',
  bf: 'boyfriend',
  mum: 'mum',
  mom: 'mum',
  mam: 'mum',
  mommy: 'mum',
  mummy: 'mum',
});

/** Two written words read as one. */
// A map without a prototype: written words such as "constructor" must not find Object's own members.
const PAIRS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'my self': 'myself',
  'your self': 'yourself',
  'her self': 'herself',
  'him self': 'himself',
  'them self': 'themselves',
  'them selves': 'themselves',
  'good bye': 'goodbye',
  'good byes': 'goodbyes',
  'any more': 'anymore',
  'some one': 'someone',
  'for ever': 'forever',
});

const PAIRS_FIRST = new Set(Object.keys(PAIRS).map((pair) => pair.split(' ')[0]));

/** Words after which "ill" means unwell rather than "I'll". */
const ILL_IS_UNWELL_AFTER = new Set([
  'am',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'feel',
  'feeling',
  'felt',
  'feels',
  'so',
  'very',
  'really',
  'too',
  'get',
  'got',
  'gets',
  'getting',
  'mentally',
  'physically',
  'terminally',
  'seriously',
  'chronically',
  'critically',
  'fell',
  'fall',
  'falling',
  'look',
  'looks',
  'looked',
  'seem',
  'seems',
  'seemed',
  'become',
  'became',
  'an',
  'the',
  'quite',
  'bit',
  'still',
  'of',
]);
const ILL_IS_UNWELL_BEFORE = new Set(['health', 'people', 'person', 'effects', 'will', 'feeling', 'feelings', 'with']);

/** Words that may follow "id" when it means "I'd". */
const ID_MEANS_I_WOULD_BEFORE = new Set([
  'rather',
  'be',
  'never',
  'love',
  'like',
  'kill',
  'want',
  'just',
  'do',
  'go',
  'have',
  'probably',
  'die',
  'sooner',
  'really',
  'end',
  'take',
  'hurt',
  'say',
  'still',
  'hate',
  'definitely',
  'honestly',
]);

/** "sh" means self-harm next to these words ("my sh", "sh scars"); elsewhere it is left alone. */
const SH_NEIGHBOURS_BEFORE = new Set([
  'my',
  'to',
  'of',
  'on',
  'from',
  'with',
  'did',
  'for',
  'about',
  'no',
  'some',
  'into',
  'urge',
  'urges',
  'and',
  'i',
]);
const SH_NEIGHBOURS_AFTER = new Set([
  'again',
  'scars',
  'marks',
  'urges',
  'urge',
  'relapse',
  'free',
  'clean',
  'wounds',
  'cuts',
]);

/** Pronouns and the like whose "'s" means "is" ("it's" -> "it is"). */
const S_MEANS_IS = new Set([
  'it',
  'that',
  'there',
  'here',
  'what',
  'who',
  'he',
  'she',
  'this',
  'everything',
  'nothing',
  'tonight',
  'today',
  'tomorrow',
  'everyone',
  'everybody',
  'where',
  'how',
  'life',
  'one',
  'time',
]);

const APOSTROPHES = /[’‘ʼ`´]/g;

/** Markdown emphasis ("**will**", "_really_") is formatting, not words. */
const FORMATTING = new Set(['*', '_', '~', '`']);

/** Canonical words for one written word, before looking at its neighbours. */
export function canonicalWords(written: string): string[] {
  return canonicalLower(lower(written));
}

function lower(written: string): string {
  const l = written.toLowerCase();
  return l.includes('’') || l.includes('‘') || l.includes('ʼ') || l.includes('`') || l.includes('´')
    ? l.replace(APOSTROPHES, "'")
    : l;
}

/** Three or more of the same letter in a row. */
const ELONGATED = /(\p{L})\1{2,}/gu;

function canonicalLower(lower: string): string[] {
  const mapped = WORDS[lower];
  if (mapped !== undefined) return mapped.split(' ');
  if (lower.includes('-')) return lower.split('-').flatMap(canonicalLower);
  const apostrophe = lower.indexOf("'");
  if (apostrophe > 0) {
    const base = lower.slice(0, apostrophe);
    const tail = lower.slice(apostrophe + 1);
    if (tail === 't' && base.endsWith('n')) {
      const stem = base.slice(0, -1);
      const fixed =
        stem === 'wo' ? 'will' : stem === 'ca' ? 'can' : stem === 'sha' ? 'shall' : stem === 'ai' ? 'am' : stem;
      return [fixed, 'not'];
    }
    if (tail === 're') return [base, 'are'];
    if (tail === 've') return [base, 'have'];
    if (tail === 'll') return [base, 'will'];
    if (tail === 'd') return [base, 'would'];
    if (tail === 'm') return [base, 'am'];
    if (tail === 's' && S_MEANS_IS.has(base)) return [base, 'is'];
  }
  // "soooo" -> "soo": long letter runs are emphasis, not spelling.
  return [hasRun(lower) ? lower.replace(ELONGATED, '$1$1') : lower];
}

function hasRun(word: string): boolean {
  for (let i = 2; i < word.length; i++) if (word[i] === word[i - 1] && word[i] === word[i - 2]) return true;
  return false;
}

export interface WrittenWord {
  text: string;
  start: number;
  end: number;
}

export interface CanonicalWord {
  word: string;
  /** The written words it came from. */
  first: number;
  last: number;
}

/** Reads a run of written words (one sentence) into canonical words, looking at neighbours. */
/** Letters that stand alone as chat words ("u r a star", "i c", "k"), so a run of only these is left as is. */
const CHAT_LETTERS = new Set(['u', 'r', 'a', 'i', 'y', 'n', 'c', 'k', 'b', 'x', 'o', 'l']);
const isLetter = (w: WrittenWord | undefined) => w !== undefined && /^\p{L}$/u.test(w.text);

/**
 * "w a n t  t o  d i e", "k i l l": three or more single letters in a row are one spelled-out
 * word. A capital "I" that opens the run is the pronoun ("I w a n t" is "i want").
 */
function spelledOut(written: readonly WrittenWord[], i: number): { words: string[]; last: number } | null {
  if (!isLetter(written[i])) return null;
  let j = i;
  // One space between letters; a wider gap ("w a n t  t o") is a word break.
  while (isLetter(written[j + 1]) && written[j + 1].start - written[j].end <= 1) j++;
  if (j - i < 2) return null;
  const letters = written.slice(i, j + 1).map((w) => w.text);
  if (letters.every((l) => CHAT_LETTERS.has(l.toLowerCase()))) return null;
  const pronoun = letters[0] === 'I' && letters.length >= 4;
  // With no wider gaps, "k i l l m y s e l f" runs together: "myself" at the end is its own word.
  const joined = lower(letters.slice(pronoun ? 1 : 0).join('')).replace(/^(.+)(myself|yourself)$/, '$1 $2');
  const words = joined.split(' ').flatMap((w) => canonicalLower(w));
  return { words: pronoun ? ['i', ...words] : words, last: j };
}

export function canonicalise(written: readonly WrittenWord[]): CanonicalWord[] {
  const out: CanonicalWord[] = [];
  for (let i = 0; i < written.length; i++) {
    const spelled = spelledOut(written, i);
    if (spelled !== null) {
      for (const w of spelled.words) if (w !== '') out.push({ word: w, first: i, last: spelled.last });
      i = spelled.last;
      continue;
    }
    const word = lower(written[i].text);
    const prev = out.length > 0 ? out[out.length - 1].word : '';
    const next = i + 1 < written.length ? written[i + 1].text.toLowerCase() : '';
    const pair = PAIRS_FIRST.has(word) ? PAIRS[`${word} ${next}`] : undefined;
    if (pair !== undefined) {
      for (const w of pair.split(' ')) out.push({ word: w, first: i, last: i + 1 });
      i++;
      continue;
    }
    let words: string[];
    if (word === 'ill' && !ILL_IS_UNWELL_AFTER.has(prev) && !ILL_IS_UNWELL_BEFORE.has(next) && next !== '') {
      words = ['i', 'will'];
    } else if (word === 'id' && ID_MEANS_I_WOULD_BEFORE.has(next)) {
      words = ['i', 'would'];
    } else if (word === 'sh' && (SH_NEIGHBOURS_BEFORE.has(prev) || SH_NEIGHBOURS_AFTER.has(next))) {
      words = ['self', 'harm'];
    } else {
      words = canonicalLower(word);
    }
    for (const w of words) if (w !== '' && !FORMATTING.has(w)) out.push({ word: w, first: i, last: i });
  }
  return out;
}

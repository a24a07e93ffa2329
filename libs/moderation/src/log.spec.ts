import { randomBytes } from 'node:crypto';
import {
  ChainVerifier,
  LogContent,
  LogTexts,
  StoredLogRecord,
  canonical,
  canonicalEncoding,
  decodeWords,
  encodeWords,
  chainHash,
  wordsDigest,
  toRanges,
} from './log';

const wordsOf = (seq: number): LogTexts => ({
  entryText: `the words of post ${seq}, exactly`,
  reason: 'breaks the guidelines',
  details: { b: 1, a: [2, { d: null, c: 'x' }] },
});

function record(prev: Buffer | null, seq: number, over: Partial<LogContent> = {}, words = wordsOf(seq)) {
  const salt = randomBytes(16);
  const content: LogContent = {
    communityId: 'c1',
    chain: 'open',
    seq,
    at: `2026-11-23T10:00:0${seq % 10}.000Z`,
    actorId: 'u1',
    action: 'delete',
    boardId: 'b1',
    postId: `p${seq}`,
    refersTo: null,
    forMeeting: false,
    textsDigest: wordsDigest(salt, encodeWords(words)).toString('hex'),
    removes: null,
    ...over,
  };
  const out: StoredLogRecord = {
    content,
    prevHash: prev,
    hash: chainHash(prev, content),
    texts: { salt, words: encodeWords(words) },
  };
  return out;
}

function chain(n: number): StoredLogRecord[] {
  const out: StoredLogRecord[] = [];
  let prev: Buffer | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const r = record(prev, seq);
    out.push(r);
    prev = r.hash;
  }
  return out;
}

/** Appends a removal record accounting for these records, and marks their words removed. */
function removeWords(records: StoredLogRecord[], seqs: number[], accountFor = seqs): void {
  for (const s of seqs) records[s - 1].texts = { removed: 'erasure' };
  const last = records[records.length - 1];
  records.push(record(last.hash, last.content.seq + 1, { action: 'erasure', removes: toRanges(accountFor) }));
}

const verify = (records: StoredLogRecord[], checkpoint?: { entries: number; head: string }) => {
  const v = new ChainVerifier(checkpoint);
  records.forEach((r) => v.add(r));
  return v.result();
};

describe('the verbatim log chain', () => {
  it('encodes words the same way whatever the key order, and reads them back', () => {
    const a: LogTexts = { entryText: null, reason: null, details: { x: 1, y: { b: 2, a: 1 } } };
    const b: LogTexts = { reason: null, details: { y: { a: 1, b: 2 }, x: 1 }, entryText: null };
    expect(encodeWords(a)).toBe(encodeWords(b));
    expect(encodeWords(a)).toBe('{"details":{"x":1,"y":{"a":1,"b":2}},"entryText":null,"reason":null}');
    expect(decodeWords(encodeWords(a))).toEqual(a);
    expect(decodeWords(null)).toEqual({ entryText: null, reason: null, details: {} });
  });

  it('writes a record out field by field exactly as the generic canonical JSON would', () => {
    const base = record(null, 1).content;
    const variants: LogContent[] = [
      base,
      { ...base, actorId: null, boardId: null, postId: null, forMeeting: true, refersTo: 'r1' },
      { ...base, action: 'mark-for-meeting "quoted" \\ ünïcode ✓ \n', chain: 'private', seq: 123456789 },
      {
        ...base,
        action: 'erasure',
        removes: [
          [1, 3],
          [7, 7],
        ],
      },
    ];
    for (const c of variants) expect(canonicalEncoding(c)).toBe(canonical(c));
  });

  it('an untouched chain verifies, and reports its head', () => {
    const records = chain(5);
    expect(verify(records)).toEqual({ ok: true, entries: 5, head: records[4].hash.toString('hex') });
  });

  it('an empty chain verifies', () => {
    expect(verify([])).toEqual({ ok: true, entries: 0, head: null });
  });

  it.each([
    [
      'a changed word',
      (r: StoredLogRecord[]) => {
        const t = r[2].texts as { words: string };
        t.words = t.words.replace('the words', 'softened words');
      },
      3,
      /words of record 3 have been altered/,
    ],
    [
      'a changed detail',
      (r: StoredLogRecord[]) => {
        const t = r[4].texts as { words: string };
        t.words = t.words.replace('"b":1', '"b":2');
      },
      5,
      /altered/,
    ],
    ['a changed actor', (r: StoredLogRecord[]) => (r[1].content.actorId = 'u2'), 2, /record 2 has been altered/],
    ['a removed record', (r: StoredLogRecord[]) => r.splice(2, 1), 3, /missing/],
    [
      'a record whose words row is gone',
      (r: StoredLogRecord[]) => delete r[3].texts,
      4,
      /words of record 4 are missing/,
    ],
    [
      'a record re-hashed after changing',
      (r: StoredLogRecord[]) => {
        r[3].content.postId = 'another';
        r[3].hash = chainHash(r[3].prevHash, r[3].content);
      },
      5,
      /does not follow/,
    ],
  ])('%s is found, at the first broken record', (_what, tamper, at, problem) => {
    const records = chain(6);
    tamper(records);
    const result = verify(records);
    expect(result).toMatchObject({ ok: false, firstBrokenAt: at });
    expect(result.problem).toMatch(problem);
  });

  it('words removed by an erasure record that says so still verify', () => {
    const records = chain(8);
    removeWords(records, [2, 3, 4, 7]);
    expect(records[8].content.removes).toEqual([
      [2, 4],
      [7, 7],
    ]);
    expect(verify(records)).toMatchObject({ ok: true, entries: 9 });
  });

  it('words removed with no record to say so are found', () => {
    const records = chain(8);
    removeWords(records, [2, 3, 4, 7], [2, 3, 7]);
    expect(verify(records)).toMatchObject({
      ok: false,
      firstBrokenAt: 4,
      problem: expect.stringMatching(/no erasure/),
    });
    const quiet = chain(5);
    quiet[1].texts = { removed: 'retention' };
    expect(verify(quiet)).toMatchObject({ ok: false, firstBrokenAt: 2 });
  });

  it('only an erasure or retention record can account for removed words', () => {
    const records = chain(4);
    records[1].texts = { removed: 'erasure' };
    records.push(record(records[3].hash, 5, { action: 'delete', removes: [[2, 2]] }));
    expect(verify(records)).toMatchObject({ ok: false, firstBrokenAt: 2 });
  });

  it('a digest cannot be matched without the salt: the same words hash apart', () => {
    const w = wordsOf(1);
    const words = encodeWords(w);
    expect(wordsDigest(randomBytes(16), words).equals(wordsDigest(randomBytes(16), words))).toBe(false);
  });

  it('joins sequence numbers into ranges', () => {
    expect(toRanges([7, 1, 2, 3, 3, 9, 8])).toEqual([
      [1, 3],
      [7, 9],
    ]);
    expect(toRanges([])).toEqual([]);
  });

  it('a chain rebuilt from scratch with fresh hashes fails against an earlier checkpoint', () => {
    const original = chain(4);
    const checkpoint = { entries: 4, head: original[3].hash.toString('hex') };
    expect(verify(original, checkpoint).ok).toBe(true);
    let prev: Buffer | null = null;
    const rebuilt = original.map((r, i) => {
      const c = i === 1 ? { ...r.content, postId: 'nothing to see' } : r.content;
      const hash = chainHash(prev, c);
      const out = { ...r, content: c, prevHash: prev, hash };
      prev = hash;
      return out;
    });
    expect(verify(rebuilt).ok).toBe(true);
    expect(verify(rebuilt, checkpoint)).toMatchObject({ ok: false, problem: expect.stringMatching(/rewritten/) });
  });

  it('a chain cut back below the checkpoint fails', () => {
    const records = chain(4);
    const checkpoint = { entries: 4, head: records[3].hash.toString('hex') };
    expect(verify(records.slice(0, 3), checkpoint)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/shorter/),
    });
  });
});

import { ChainVerifier, LogContent, StoredLogRecord, canonicalEncoding, chainHash } from './log';

const content = (seq: number, over: Partial<LogContent> = {}): LogContent => ({
  communityId: 'c1',
  chain: 'open',
  seq,
  at: `2026-11-23T10:00:0${seq % 10}.000Z`,
  actorId: 'u1',
  actorName: 'Alex',
  action: 'delete',
  boardId: 'b1',
  postId: `p${seq}`,
  entryText: `the words of post ${seq}, exactly`,
  reason: 'breaks the guidelines',
  details: { b: 1, a: [2, { d: null, c: 'x' }] },
  forMeeting: false,
  ...over,
});

function chain(n: number): StoredLogRecord[] {
  const out: StoredLogRecord[] = [];
  let prev: Buffer | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const hash = chainHash(prev, c);
    out.push({ content: c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

const verify = (records: StoredLogRecord[], checkpoint?: { entries: number; head: string }) => {
  const v = new ChainVerifier(checkpoint);
  records.forEach((r) => v.add(r));
  return v.result();
};

describe('the verbatim log chain', () => {
  it('encodes a record the same way whatever the key order', () => {
    const a = content(1, { details: { x: 1, y: { b: 2, a: 1 } } });
    const b = { ...content(1), details: { y: { a: 1, b: 2 }, x: 1 } };
    expect(canonicalEncoding(a)).toBe(canonicalEncoding(b));
  });

  it('an untouched chain verifies, and reports its head', () => {
    const records = chain(5);
    expect(verify(records)).toEqual({ ok: true, entries: 5, head: records[4].hash.toString('hex') });
  });

  it('an empty chain verifies', () => {
    expect(verify([])).toEqual({ ok: true, entries: 0, head: null });
  });

  it.each([
    ['a changed word', (r: StoredLogRecord[]) => (r[2].content.entryText = 'softened words'), 3, /altered/],
    ['a changed actor', (r: StoredLogRecord[]) => (r[1].content.actorId = 'u2'), 2, /altered/],
    ['a removed record', (r: StoredLogRecord[]) => r.splice(2, 1), 3, /missing/],
    [
      'a record re-hashed after changing',
      (r: StoredLogRecord[]) => {
        r[3].content.reason = 'rewritten';
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

  it('a chain rebuilt from scratch with fresh hashes fails against an earlier checkpoint', () => {
    const original = chain(4);
    const checkpoint = { entries: 4, head: original[3].hash.toString('hex') };
    expect(verify(original, checkpoint).ok).toBe(true);
    let prev: Buffer | null = null;
    const rebuilt = original.map((r, i) => {
      const c = i === 1 ? { ...r.content, entryText: 'nothing to see' } : r.content;
      const hash = chainHash(prev, c);
      const out = { content: c, prevHash: prev, hash };
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

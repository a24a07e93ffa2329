import { createHash } from 'node:crypto';

/** Everything the verbatim log records. Each is one appended record; nothing is ever changed. */
export const LogActions = [
  'hold',
  'flag',
  'hide',
  'approve',
  'delete',
  'restore',
  'annotate',
  'mark-for-meeting',
  'guidelines-change',
  'suspension',
  'return',
  'left',
  'access-request',
  'access-grant',
  'access-read',
  'election-open',
  'election-result',
  'step-down',
  'significant-event',
  'significant-event-ack',
  'meeting-outcome',
  'take',
  'escalate',
  'duty-change',
  'escalation-settings',
  'message-author',
  'keeping-change',
  'erasure',
  'retention',
  'reseal',
] as const;
export type LogAction = (typeof LogActions)[number];

/** Records about private boards chain apart from the rest, so staff can verify theirs blind to them. */
export type LogChain = 'open' | 'private';

/** Why a record's words are gone: a member's erasure, or the community's retention policy. */
export type TextsRemoved = 'erasure' | 'retention';

/** Records that only say what the log itself did: their words are never personal and never removed. */
export const LOG_HOUSEKEEPING: readonly LogAction[] = ['erasure', 'retention', 'reseal'];

/** A run of sequence numbers, first and last included. */
export type SeqRange = [number, number];

/**
 * What the chain covers of one record. The words (the entry's text, the reason, the details) are
 * kept apart, and the chain covers only their salted digest, so that they can be erased while
 * every link still checks. `removes` is set on an erasure or retention record: the records of
 * this chain whose words it removed, so that a removal nobody recorded is still found.
 */
export interface LogContent {
  communityId: string;
  chain: LogChain;
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  boardId: string | null;
  postId: string | null;
  /** Another record of the chain this one is about (a mark for the meeting points at what it marks). */
  refersTo: string | null;
  forMeeting: boolean;
  /** SHA-256(salt, canonical words), hex. */
  textsDigest: string;
  removes: SeqRange[] | null;
}

/** A record's words: what erasure and retention may remove. */
export interface LogTexts {
  entryText: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** JSON with sorted keys and no whitespace: the one encoding anything in the log is hashed in. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

/**
 * The canonical encoding a record's hash is computed over (sorted keys, no whitespace, UTF-8),
 * written out field by field in key order: the same text as canonical(content), without sorting
 * or walking an object for every record verified.
 */
export function canonicalEncoding(c: LogContent): string {
  return (
    `{"action":${str(c.action)},"actorId":${str(c.actorId)},"at":${str(c.at)},"boardId":${str(c.boardId)},` +
    `"chain":${str(c.chain)},"communityId":${str(c.communityId)},"forMeeting":${c.forMeeting ? 'true' : 'false'},` +
    `"postId":${str(c.postId)},"refersTo":${str(c.refersTo)},"removes":${c.removes === null ? 'null' : canonical(c.removes)},` +
    `"seq":${c.seq},"textsDigest":${str(c.textsDigest)}}`
  );
}

/** hash = SHA-256(previous hash, or nothing for the first record, then the canonical encoding). */
export function chainHash(prevHash: Buffer | null, content: LogContent): Buffer {
  return hashAfter(prevHash, canonicalEncoding(content));
}

/** The same, from a content already encoded (the verifier's fast path). */
function hashAfter(prevHash: Buffer | null, encoding: string): Buffer {
  const h = createHash('sha256');
  if (prevHash) h.update(prevHash);
  return h.update(encoding, 'utf8').digest();
}

/**
 * A record's words as they are stored and hashed: their canonical encoding. Kept as this exact
 * text, so verifying is one hash over stored bytes, with nothing to parse or re-encode.
 */
export function encodeWords(texts: LogTexts): string {
  return canonical(texts);
}

/** The stored words read back; once removed, none (no text, no reason, no details). */
export function decodeWords(words: string | null): LogTexts {
  return words === null ? { entryText: null, reason: null, details: {} } : (JSON.parse(words) as LogTexts);
}

/**
 * digest = SHA-256(salt, then the stored words). The salt is random per record and is erased
 * with the words: without it, a short text (a name, "yes") cannot be guessed back from its digest.
 */
export function wordsDigest(salt: Buffer, words: string): Buffer {
  return createHash('sha256').update(salt).update(words, 'utf8').digest();
}

/** Sequence numbers as ranges, consecutive ones joined: [1,2,3,7] is [[1,3],[7,7]]. */
export function toRanges(seqs: number[]): SeqRange[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const out: SeqRange[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

export interface StoredLogRecord {
  content: LogContent;
  prevHash: Buffer | null;
  hash: Buffer;
  /** The words and their salt, or why they were removed; undefined if the words row is missing. */
  texts?: { salt: Buffer; words: string } | { removed: TextsRemoved };
}

/**
 * A record as the fast verify path reads it: the content already in its canonical encoding, the
 * few fields the checks need, and the digest as bytes (so it is compared without re-encoding).
 */
export interface EncodedLogRecord {
  seq: number;
  action: string;
  removes: SeqRange[] | null;
  encoding: string;
  digest: Buffer;
  prevHash: Buffer | null;
  hash: Buffer;
  /**
   * As StoredLogRecord's, or, from the database's own check of the words against their digest
   * (the fast path: the words need not travel), whether they matched.
   */
  texts?: StoredLogRecord['texts'] | { digestMatches: boolean };
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: string | null;
  firstBrokenAt?: number;
  problem?: string;
}

/**
 * Walks one chain in sequence order and checks every link: numbering without gaps, each record's
 * stored previous hash, each hash recomputed from the content, and each record's words against
 * the digest the chain covers. Words may be missing only where an erasure or retention record
 * in the chain says it removed them. A checkpoint taken earlier (count and head) also catches a
 * chain rebuilt from scratch with fresh hashes.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prev: Buffer | null = null;
  private broken?: { seq: number; problem: string };
  private hashAtCheckpoint?: Buffer;
  /** Records whose words are gone, and the ranges removal records account for (both as ranges). */
  private readonly removed: SeqRange[] = [];
  private readonly accounted: SeqRange[] = [];

  constructor(private readonly checkpoint?: { entries: number; head: string }) {}

  add(record: StoredLogRecord): void {
    const c = record.content;
    this.addEncoded({
      seq: c.seq,
      action: c.action,
      removes: c.removes,
      encoding: canonicalEncoding(c),
      digest: Buffer.from(c.textsDigest, 'hex'),
      prevHash: record.prevHash,
      hash: record.hash,
      texts: record.texts,
    });
  }

  addEncoded(record: EncodedLogRecord): void {
    if (this.broken) return;
    const { seq } = record;
    if (seq !== this.expectedSeq) {
      this.broken = { seq: this.expectedSeq, problem: `record ${this.expectedSeq} is missing` };
      return;
    }
    const samePrev =
      (record.prevHash === null && this.prev === null) ||
      (record.prevHash && this.prev && record.prevHash.equals(this.prev));
    if (!samePrev) {
      this.broken = { seq, problem: `record ${seq} does not follow on from record ${seq - 1}` };
      return;
    }
    if (!hashAfter(this.prev, record.encoding).equals(record.hash)) {
      this.broken = { seq, problem: `record ${seq} has been altered` };
      return;
    }
    const wordsProblem = this.checkWords(record);
    if (wordsProblem) {
      this.broken = { seq, problem: wordsProblem };
      return;
    }
    if (this.checkpoint && seq === this.checkpoint.entries) this.hashAtCheckpoint = record.hash;
    this.prev = record.hash;
    this.expectedSeq++;
  }

  private checkWords(record: EncodedLogRecord): string | undefined {
    const { seq, digest, removes, action } = record;
    if (removes && (action === 'erasure' || action === 'retention')) this.accounted.push(...removes);
    const texts = record.texts;
    if (!texts) return `the words of record ${seq} are missing`;
    if ('removed' in texts) {
      const last = this.removed[this.removed.length - 1];
      if (last && last[1] === seq - 1) last[1] = seq;
      else this.removed.push([seq, seq]);
      return undefined;
    }
    if ('digestMatches' in texts)
      return texts.digestMatches ? undefined : `the words of record ${seq} have been altered`;
    if (!wordsDigest(texts.salt, texts.words).equals(digest)) return `the words of record ${seq} have been altered`;
    return undefined;
  }

  /** The first removed record no erasure or retention record accounts for. */
  private unaccounted(): number | undefined {
    const accounted = [...this.accounted].sort((a, b) => a[0] - b[0]);
    for (const [first, last] of this.removed) {
      let next = first;
      for (const [a, b] of accounted) {
        if (a > next) break;
        if (b >= next) next = b + 1;
        if (next > last) break;
      }
      if (next <= last) return next;
    }
    return undefined;
  }

  result(): VerifyResult {
    const entries = this.expectedSeq - 1;
    const head = this.prev?.toString('hex') ?? null;
    if (this.broken) return { ok: false, entries, head, firstBrokenAt: this.broken.seq, problem: this.broken.problem };
    const unaccounted = this.unaccounted();
    if (unaccounted !== undefined) {
      return {
        ok: false,
        entries,
        head,
        firstBrokenAt: unaccounted,
        problem: `the words of record ${unaccounted} were removed, and no erasure or retention record says so`,
      };
    }
    if (this.checkpoint) {
      if (entries < this.checkpoint.entries) {
        return {
          ok: false,
          entries,
          head,
          firstBrokenAt: entries + 1,
          problem: 'the log is shorter than at the checkpoint',
        };
      }
      if (this.hashAtCheckpoint?.toString('hex') !== this.checkpoint.head) {
        return {
          ok: false,
          entries,
          head,
          firstBrokenAt: 1,
          problem: 'the log does not match the checkpoint: it has been rewritten',
        };
      }
    }
    return { ok: true, entries, head };
  }
}

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
] as const;
export type LogAction = (typeof LogActions)[number];

/** Records about private boards chain apart from the rest, so staff can verify theirs blind to them. */
export type LogChain = 'open' | 'private';

export interface LogContent {
  communityId: string;
  chain: LogChain;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  boardId: string | null;
  postId: string | null;
  entryText: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  forMeeting: boolean;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The canonical encoding a record's hash is computed over: sorted keys, no whitespace, UTF-8. */
export function canonicalEncoding(content: LogContent): string {
  return canonical(content);
}

/** hash = SHA-256(previous hash, or nothing for the first record, then the canonical encoding). */
export function chainHash(prevHash: Buffer | null, content: LogContent): Buffer {
  const h = createHash('sha256');
  if (prevHash) h.update(prevHash);
  h.update(canonicalEncoding(content), 'utf8');
  return h.digest();
}

export interface StoredLogRecord {
  content: LogContent;
  prevHash: Buffer | null;
  hash: Buffer;
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
 * stored previous hash, and each hash recomputed from the content. A checkpoint taken earlier
 * (count and head) also catches a chain rebuilt from scratch with fresh hashes.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prev: Buffer | null = null;
  private broken?: { seq: number; problem: string };
  private hashAtCheckpoint?: Buffer;

  constructor(private readonly checkpoint?: { entries: number; head: string }) {}

  add(record: StoredLogRecord): void {
    if (this.broken) return;
    const { seq } = record.content;
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
    if (!chainHash(this.prev, record.content).equals(record.hash)) {
      this.broken = { seq, problem: `record ${seq} has been altered` };
      return;
    }
    if (this.checkpoint && seq === this.checkpoint.entries) this.hashAtCheckpoint = record.hash;
    this.prev = record.hash;
    this.expectedSeq++;
  }

  result(): VerifyResult {
    const entries = this.expectedSeq - 1;
    const head = this.prev?.toString('hex') ?? null;
    if (this.broken) return { ok: false, entries, head, firstBrokenAt: this.broken.seq, problem: this.broken.problem };
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

import { ChainVerifier, EncodedLogRecord, LogChain, SeqRange, TextsRemoved, canonicalEncoding } from '@p2p/moderation';
import type { PoolClient } from 'pg';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Verifying a chain straight from PostgreSQL's binary COPY stream: one statement, one snapshot,
 * rows parsed from the wire as they arrive (no per-row objects from the driver, no text parsing of
 * hashes), each record's content encoded field by field and its link and hash checked here, while
 * PostgreSQL checks each record's words against their digest as it sends the row. Memory stays
 * flat whatever the log's length: only the chunk being read and the record before are held.
 *
 * The COPY protocol is parsed here by hand because the general binary parsers build an object per
 * row, which is the cost this path exists to avoid; the format is small and documented
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format").
 */

/**
 * The columns, in the order the parser reads them. The words are checked against their digest
 * here, by PostgreSQL's own SHA-256 (schema-qualified, so no function of another schema can stand
 * in for it): the words need not travel, and that hash runs beside the chain's, on another core.
 */
const COLUMNS = `l.seq, l.at, l.actor_id, l.action, l.board_id, l.post_id, l.refers_to, l.for_meeting,
  l.texts_digest, l.removes, l.prev_hash, l.hash, t.removed, t.log_id IS NOT NULL,
  t.words IS NOT NULL
    AND pg_catalog.sha256(t.salt || pg_catalog.convert_to(t.words, 'UTF8')) = l.texts_digest`;
const FIELDS = 15;

export function verifyCopySql(communityId: string, chain: LogChain, upToSeq: number): string {
  if (!Number.isSafeInteger(upToSeq)) throw new Error('upToSeq must be an integer');
  return `COPY (SELECT ${COLUMNS}
      FROM moderation_log l LEFT JOIN moderation_log_texts t ON t.log_id = l.id
     WHERE l.community_id = ${escapeLiteral(communityId)} AND l.chain = ${escapeLiteral(chain)} AND l.seq <= ${upToSeq}
     ORDER BY l.seq) TO STDOUT (FORMAT binary)`;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Milliseconds from 1970 to PostgreSQL's epoch, 2000-01-01. */
const PG_EPOCH_MS = 946_684_800_000;

const uuidAt = (b: Buffer, s: number): string => {
  const h = b.toString('hex', s, s + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * Parses binary COPY tuples as chunks arrive, handing each record to the verifier. A tuple split
 * across chunks waits for the next one.
 */
export class CopyChainReader {
  private pending: Buffer | null = null;
  private headerDone = false;
  private ended = false;
  /** Field starts and lengths of the tuple being read (-1: NULL). */
  private readonly starts = new Int32Array(FIELDS);
  private readonly lengths = new Int32Array(FIELDS);

  constructor(
    private readonly communityId: string,
    private readonly chain: LogChain,
    private readonly verifier: ChainVerifier,
  ) {}

  push(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    if (!this.headerDone) {
      if (buf.length < 19) {
        this.pending = buf;
        return;
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buf.readInt32BE(15);
      at = 19 + extension;
      this.headerDone = true;
    }
    for (;;) {
      const next = this.tuple(buf, at);
      if (next === -1) break;
      at = next;
      if (this.ended) break;
    }
    this.pending = at < buf.length ? buf.subarray(at) : null;
    // Keep only the unread tail, not the whole chunk it sits in.
    if (this.pending && at > 0) this.pending = Buffer.from(this.pending);
  }

  /** Reads one tuple at `at`; returns where the next begins, or -1 if it is not all here yet. */
  private tuple(buf: Buffer, at: number): number {
    if (at + 2 > buf.length) return -1;
    const count = buf.readInt16BE(at);
    if (count === -1) {
      this.ended = true;
      return at + 2;
    }
    if (count !== FIELDS) throw new Error(`expected ${FIELDS} fields, got ${count}`);
    let p = at + 2;
    for (let i = 0; i < FIELDS; i++) {
      if (p + 4 > buf.length) return -1;
      const len = buf.readInt32BE(p);
      p += 4;
      this.starts[i] = p;
      this.lengths[i] = len;
      if (len > 0) p += len;
      if (p > buf.length) return -1;
    }
    this.verifier.addEncoded(this.record(buf));
    return p;
  }

  // Field i of the tuple just read, or null: no closures made per record on this path.
  private uuid(b: Buffer, i: number): string | null {
    return this.lengths[i] < 0 ? null : uuidAt(b, this.starts[i]);
  }

  private text(b: Buffer, i: number): string | null {
    return this.lengths[i] < 0 ? null : b.toString('utf8', this.starts[i], this.starts[i] + this.lengths[i]);
  }

  private bytes(b: Buffer, i: number): Buffer | null {
    return this.lengths[i] < 0 ? null : b.subarray(this.starts[i], this.starts[i] + this.lengths[i]);
  }

  private record(b: Buffer): EncodedLogRecord {
    const s = this.starts;
    const n = this.lengths;
    const seq = b.readUInt32BE(s[0]) * 4_294_967_296 + b.readUInt32BE(s[0] + 4);
    const micros = b.readInt32BE(s[1]) * 4_294_967_296 + b.readUInt32BE(s[1] + 4);
    const at = new Date(PG_EPOCH_MS + Math.floor(micros / 1000)).toISOString();
    const action = this.text(b, 3)!;
    // jsonb travels as a version byte, then its text.
    const removes = n[9] < 0 ? null : (JSON.parse(b.toString('utf8', s[9] + 1, s[9] + n[9])) as SeqRange[]);
    const digest = this.bytes(b, 8)!;
    const removed = this.text(b, 12) as TextsRemoved | null;
    const hasTexts = b[s[13]] === 1;
    const encoding = canonicalEncoding({
      communityId: this.communityId,
      chain: this.chain,
      seq,
      at,
      actorId: this.uuid(b, 2),
      action,
      boardId: this.uuid(b, 4),
      postId: this.uuid(b, 5),
      refersTo: this.uuid(b, 6),
      forMeeting: b[s[7]] === 1,
      textsDigest: digest.toString('hex'),
      removes,
    });
    return {
      seq,
      action,
      removes,
      encoding,
      digest,
      prevHash: this.bytes(b, 10),
      hash: this.bytes(b, 11)!,
      texts: !hasTexts ? undefined : removed ? { removed } : { digestMatches: b[s[14]] === 1 },
    };
  }
}

/** Streams the chain up to `upToSeq` through the verifier, on a connection of its own. */
export async function streamChain(
  client: PoolClient,
  communityId: string,
  chain: LogChain,
  upToSeq: number,
  verifier: ChainVerifier,
): Promise<void> {
  const reader = new CopyChainReader(communityId, chain, verifier);
  const stream = client.query(copyTo(verifyCopySql(communityId, chain, upToSeq)));
  for await (const chunk of stream) reader.push(chunk as Buffer);
}

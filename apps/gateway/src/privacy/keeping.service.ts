import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KEEPING_BOUNDS, KeepingView } from '@p2p/contract';
import { Permission } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { CommunitiesService } from '../communities/communities.service';
import { CHAT_KINDS, POST_KINDS, WordsRemovalRepository } from '../entries/words-removal.repository';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { AuthContext } from '../platform/http/auth-context';
import { KeepingRepository } from './keeping.repository';

const DAY = 86_400_000;
const KIND_WORDS = { postsDays: 'Posts', chatDays: 'Chat messages', logDays: "The log's words" } as const;

export interface RetentionDone {
  entries: number;
  chat: number;
  logRecords: number;
}

/**
 * How long the community keeps things, and the retention that applies it. Removing words never
 * removes a record or an entry's place: the entry shows quiet words instead, the log's records
 * stay (their digests still verify) and a retention record in each chain names what it cleared.
 */
@Injectable()
export class KeepingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly keeping: KeepingRepository,
    private readonly entries: WordsRemovalRepository,
    private readonly log: ModerationLog,
  ) {}

  /** Everyone in the community may read it: members should know how long their words are kept. */
  async get(auth: AuthContext, communityId: string): Promise<KeepingView> {
    await this.communities.authorize(auth, communityId, Permission.ReadCommunity);
    const k = await this.keeping.read(communityId);
    if (!k) throw new NotFoundException('We could not find that community.');
    return k;
  }

  /** The Top 3 or staff change it; the log says what changed, for the meeting. */
  async set(auth: AuthContext, communityId: string, next: KeepingView): Promise<KeepingView> {
    await this.communities.authorize(auth, communityId, Permission.ChangeKeeping);
    for (const key of ['postsDays', 'chatDays', 'logDays'] as const) {
      const v = next[key];
      const { min, max } = KEEPING_BOUNDS[key];
      if (v !== null && (!Number.isInteger(v) || v < min || v > max)) {
        throw new BadRequestException(
          `${KIND_WORDS[key]} can be kept for ${min} to ${max} days, or for as long as the community exists ` +
            `(send null). Nothing has been changed.`,
        );
      }
    }
    await this.db.transaction(async (em) => {
      const before = await this.keeping.lock(em, communityId);
      await this.keeping.write(em, communityId, next);
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'keeping-change',
        reason: describeChange(before, next),
        details: { from: before, to: next },
        forMeeting: true,
      });
    });
    return next;
  }

  /** Applies every community's policy as of `now` (the hourly job; tests pass a later clock). */
  async applyAll(now = new Date(), batch = 10_000): Promise<RetentionDone> {
    const total: RetentionDone = { entries: 0, chat: 0, logRecords: 0 };
    for (const { id, keeping } of await this.keeping.limited()) {
      const done = await this.apply(id, keeping, now, batch);
      total.entries += done.entries;
      total.chat += done.chat;
      total.logRecords += done.logRecords;
    }
    return total;
  }

  /** One community, in one transaction, at most `batch` of each kind (the next run carries on). */
  private apply(communityId: string, k: KeepingView, now: Date, batch: number): Promise<RetentionDone> {
    const before = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY));
    return this.db.transaction(async (em) => {
      const postsBefore = before(k.postsDays);
      const chatBefore = before(k.chatDays);
      const logBefore = before(k.logDays);
      const entries = postsBefore ? await this.entries.expire(em, communityId, POST_KINDS, postsBefore, batch) : [];
      const chat = chatBefore ? await this.entries.expire(em, communityId, CHAT_KINDS, chatBefore, batch) : [];
      const records = logBefore ? await this.log.olderThan(em, communityId, logBefore, batch) : [];
      const logRecords = await this.log.removeWords(em, 'retention', records);
      return { entries: entries.length, chat: chat.length, logRecords };
    });
  }
}

const days = (d: number | null) => (d === null ? 'kept' : `${d} days`);

/** The change in plain words, for the log and the meeting pack. */
export function describeChange(a: KeepingView, b: KeepingView): string {
  const parts: string[] = [];
  if (a.postsDays !== b.postsDays) parts.push(`posts: ${days(a.postsDays)} to ${days(b.postsDays)}`);
  if (a.chatDays !== b.chatDays) parts.push(`chat: ${days(a.chatDays)} to ${days(b.chatDays)}`);
  if (a.logDays !== b.logDays) parts.push(`the log's words: ${days(a.logDays)} to ${days(b.logDays)}`);
  if (a.erasedEntries !== b.erasedEntries) {
    parts.push(
      b.erasedEntries === 'placeholder'
        ? "a leaver's shared entries: removed, with a quiet placeholder"
        : "a leaver's shared entries: kept, from a former member",
    );
  }
  return parts.length > 0 ? `How long things are kept: ${parts.join('; ')}.` : 'How long things are kept: no change.';
}

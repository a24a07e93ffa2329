import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LogRecordView,
  LogVerifyView,
  SignificantEventAcknowledgedEvent,
  SignificantEventCreatedEvent,
  SignificantEventView,
} from '@p2p/contract';
import { LogChain, Permission, can } from '@p2p/moderation';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { Page } from '../platform/http/pagination';
import { CommunitiesService } from '../communities/communities.service';
import { nextSeq, recordEvent } from '../platform/realtime/event-log';
import { FanoutService } from '../platform/realtime/fanout.service';
import { ModerationLog } from './moderation-log.repository';
import { SignificantEventDto } from './moderation.dto';
import { ReportsRepository } from './reports.repository';
import { PostsRepository } from '../entries/posts.repository';

/** The log as each role may read it, its verification, and significant-event reports to staff. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly fanout: FanoutService,
    private readonly reports: ReportsRepository,
    private readonly posts: PostsRepository,
  ) {}

  /** Top 3 read both chains; staff only the open one: private boards never leave the query. */
  async chainsFor(auth: AuthContext, communityId: string): Promise<LogChain[]> {
    const actor = await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    return can(actor, Permission.ReadPrivateBoardLog) ? ['open', 'private'] : ['open'];
  }

  async readLog(auth: AuthContext, communityId: string, limit?: number, cursor?: string): Promise<Page<LogRecordView>> {
    return this.log.list(communityId, await this.chainsFor(auth, communityId), limit, cursor);
  }

  async verify(
    auth: AuthContext,
    communityId: string,
    checkpoints: Partial<Record<LogChain, string>>,
  ): Promise<LogVerifyView> {
    const chains = await this.chainsFor(auth, communityId);
    const results = await Promise.all(
      chains.map(
        async (chain) =>
          [chain, await this.log.verify(communityId, chain, parseCheckpoint(checkpoints[chain]))] as const,
      ),
    );
    const open = results.find(([c]) => c === 'open')![1];
    const privateChain = results.find(([c]) => c === 'private')?.[1];
    return {
      ok: results.every(([, r]) => r.ok),
      entries: open.entries,
      head: open.head,
      ...(open.firstBrokenAt ? { firstBrokenAt: open.firstBrokenAt, problem: open.problem } : {}),
      checkpoint: `${open.entries}:${open.head ?? ''}`,
      ...(privateChain
        ? { private: { ...privateChain, checkpoint: `${privateChain.entries}:${privateChain.head ?? ''}` } }
        : {}),
    };
  }

  /** A log record to bring to the next meeting: appended as a record of its own. */
  async markForMeeting(auth: AuthContext, communityId: string, logId: string, reason?: string): Promise<LogRecordView> {
    const chains = await this.chainsFor(auth, communityId);
    await this.communities.authorize(auth, communityId, Permission.ReviewEntries);
    const target = await this.log.record(logId, communityId, chains);
    if (!target) throw new NotFoundException('We could not find that log record.');
    return this.db.transaction((em) =>
      this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'mark-for-meeting',
        boardId: target.board_id,
        postId: target.post_id,
        refersTo: logId,
        entryText: target.entry_text,
        reason: reason ?? null,
        details: { logId, markedAction: target.action },
        forMeeting: true,
      }),
    );
  }

  async reportSignificantEvent(
    auth: AuthContext,
    communityId: string,
    input: SignificantEventDto,
  ): Promise<SignificantEventView> {
    await this.communities.authorize(auth, communityId, Permission.ReportSignificantEvent);
    const postIds = [...new Set(input.postIds ?? [])];
    const event = await this.db.transaction(async (em) => {
      if (postIds.length > 0) {
        const linked = await this.posts.boardKinds(em, postIds, communityId);
        if (linked.length !== postIds.length)
          throw new BadRequestException('Some of those entries are not in this community.');
        if (linked.some((l) => l.kind === 'private')) {
          throw new BadRequestException(
            'Entries from private boards stay with the community, so they cannot go in a report to staff.',
          );
        }
      }
      const row = await this.reports.insert(em, {
        communityId,
        reportedBy: auth.userId,
        summary: input.summary,
        postIds,
      });
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'significant-event',
        reason: input.summary,
        details: { significantEventId: row.id, postIds },
        forMeeting: true,
      });
      const data: SignificantEventCreatedEvent['data'] = {
        id: row.id,
        summary: input.summary,
        reportedBy: { id: auth.userId, displayName: auth.displayName },
        createdAt: row.created_at.toISOString(),
      };
      return recordEvent(em, await nextSeq(em, communityId), {
        communityId,
        type: 'significant-event.created',
        audience: 'staff',
        data,
      });
    });
    this.fanout.deliver(event);
    return this.loadEvent((event.payload.data as SignificantEventCreatedEvent['data']).id);
  }

  async listSignificantEvents(
    auth: AuthContext,
    communityId: string,
  ): Promise<{ items: SignificantEventView[]; nextCursor: null }> {
    await this.communities.authorize(auth, communityId, Permission.ReadModerationLog);
    const ids = await this.reports.ids(communityId);
    return { items: await Promise.all(ids.map((id) => this.loadEvent(id))), nextCursor: null };
  }

  async acknowledge(auth: AuthContext, id: string): Promise<SignificantEventView> {
    const communityId = await this.reports.communityForMember(id, auth.userId);
    if (!communityId) throw new NotFoundException('We could not find that report.');
    await this.communities.authorize(auth, communityId, Permission.AcknowledgeSignificantEvent);
    const event = await this.db.transaction(async (em) => {
      const acknowledgedAt = await this.reports.acknowledge(em, id, auth.userId);
      if (!acknowledgedAt) throw new ConflictException('This report has already been acknowledged.');
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'significant-event-ack',
        details: { significantEventId: id },
      });
      // The Top 3 who reported it are told that staff have read it.
      const data: SignificantEventAcknowledgedEvent['data'] = { id, acknowledgedAt: acknowledgedAt.toISOString() };
      return recordEvent(em, await nextSeq(em, communityId), {
        communityId,
        type: 'significant-event.acknowledged',
        audience: 'top3',
        data,
      });
    });
    this.fanout.deliver(event);
    return this.loadEvent(id);
  }

  private async loadEvent(id: string): Promise<SignificantEventView> {
    const r = await this.reports.report(id);
    return {
      id: r.id,
      summary: r.summary,
      postIds: r.post_ids,
      reportedBy: { id: r.reported_by, displayName: r.reporter },
      createdAt: r.created_at.toISOString(),
      acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, displayName: r.acknowledger ?? '' } : null,
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    };
  }
}

function parseCheckpoint(raw: string | undefined): { entries: number; head: string } | undefined {
  if (!raw) return undefined;
  const m = /^(\d{1,12}):([0-9a-f]{64})$/.exec(raw);
  if (!m)
    throw new BadRequestException('A checkpoint looks like "<entries>:<64 hex characters>", as verify returned it.');
  return { entries: Number(m[1]), head: m[2] };
}

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import Redis from 'ioredis';
import { ExportedEntryView, ExportedLogRecordView, LOG_ACTION_WORDS, MyDataView } from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { MemberLimit } from '../platform/http/member-limit';
import { inMinutes } from '../platform/http/slow-down';
import { REDIS } from '../platform/redis/redis';
import { EntryRow, ExportRepository, LogRecordRow } from './export.repository';

export const EXPORT_FORMAT = 'p2p-board/subject-access/1';
const EXPORTS_PER_HOUR = 10;

const ABOUT = [
  'This is everything P2P Board holds about you, as it was when you asked for it.',
  'Your entries are here as they are held now, whatever happened to them: shared, waiting, taken back, held, hidden or taken down.',
  'Where a record was made by someone else, it says what kind of person (a Top 3 member, a staff member) rather than their name, unless you could already see their name on the board.',
  "Other people's words are not here: where you flagged or looked after someone else's entry, the record says what you did, not what they wrote.",
  'Elections: it says which elections you voted in, never for whom. Ballots are kept apart from voters, so nobody, the board included, can tell whose a ballot is.',
  'Push devices: only the push service is named; the rest of the address and its keys belong to your device.',
];

/** What happened to an entry, in the words a member would use. */
export function whatHappened(e: Pick<EntryRow, 'status' | 'sharedAt' | 'sentToTop3First'>): string {
  switch (e.status) {
    case 'pending':
      return 'Waiting out its thinking space; you can still change it or take it back.';
    case 'published':
      return 'Shared on the board.';
    case 'withdrawn':
      return 'You took it back before anyone saw it.';
    case 'held':
      return e.sentToTop3First
        ? 'You sent it to the Top 3 first; it is with them.'
        : 'Held for a Top 3 member to look at before anyone else sees it.';
    case 'hidden':
      return 'Hidden after members flagged it, until a Top 3 member looks at it.';
    case 'removed':
      return e.sharedAt ? 'Shared, then taken down by the Top 3.' : 'Taken down by the Top 3 before it was shared.';
    default:
      return e.status;
  }
}

const ROLE_WORDS: Record<LogRecordRow['actorRole'], string> = {
  staff: 'a staff member',
  top3: 'a Top 3 member',
  member: 'a member',
  nobody: 'the board',
  former: 'someone no longer in the community',
};

/** Subject access (UK GDPR art. 15): a person's own data, for them alone. */
@Injectable()
export class ExportService {
  private readonly limit: MemberLimit;

  constructor(
    private readonly exports: ExportRepository,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // A whole history is a big read: a few an hour is plenty for anyone keeping a copy.
    this.limit = new MemberLimit(
      redis,
      `${config.redisPrefix}:export:hour`,
      EXPORTS_PER_HOUR,
      3600,
      (wait) => `You have downloaded your data a few times just now; you can again in about ${inMinutes(wait)}.`,
    );
  }

  /** The caller's own data: there is no way to ask for anyone else's here. */
  async mine(auth: AuthContext): Promise<MyDataView> {
    await this.limit.consume(auth.userId);
    return buildExport(this.exports, auth.userId);
  }
}

/**
 * Everything held about one person, read at one moment. For the person themselves (ExportService),
 * or for the operator on a documented request (the CLI's member:export, which logs it).
 */
export async function buildExport(exports: ExportRepository, userId: string): Promise<MyDataView> {
  return exports.read(async (em) => {
    const sections = await exports.sections(em, userId);
    if (!sections) throw new NotFoundException('We could not find that account.');
    const entries = (await exports.entries(em, userId)).map(toEntry);
    const logRecords = (await exports.logRecords(em, userId)).map(toLogRecord);
    const exportedAt = new Date().toISOString();
    return { format: EXPORT_FORMAT, exportedAt, about: ABOUT, ...sections, entries, logRecords };
  });
}

function toEntry({ wordsRemoved, ...e }: EntryRow): ExportedEntryView {
  const gone = wordsRemoved === 'retention' ? ' Its words were removed under the community’s retention policy.' : '';
  return { ...e, whatHappened: whatHappened(e) + gone };
}

function toLogRecord(r: LogRecordRow): ExportedLogRecordView {
  return {
    community: r.community,
    at: r.at,
    action: r.action,
    actionWords: LOG_ACTION_WORDS[r.action] ?? r.action,
    by: r.mine ? 'you' : ROLE_WORDS[r.actorRole],
    entryText: r.entryText,
    reason: r.reason,
  };
}

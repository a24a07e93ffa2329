import { BadRequestException, Injectable } from '@nestjs/common';
import { GuidelinesCheckView, GuidelinesPreviewView, GuidelinesView } from '@p2p/contract';
import { InjectDataSource } from '@nestjs/typeorm';
import { Permission } from '@p2p/moderation';
import {
  CheckResult,
  DEFAULT_GUIDELINES,
  GuidelineSet,
  READING_CATEGORY,
  checkText,
  validateGuidelineSet,
  withEveryCategory,
} from '@p2p/guidelines';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { CommunitiesService } from '../communities/communities.service';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { MeaningOf, MeaningService } from './meaning.service';
import { GuidelinesRepository } from './guidelines.repository';
import { DryRunService, PREVIEW_DAYS } from './preview.service';

/** Each rule's reading by rule id, for the rules that have one (none said means standard). */
function readingsOf(set: GuidelineSet): Record<string, string> {
  return Object.fromEntries(
    set.rules.filter((r) => r.category === READING_CATEGORY).map((r) => [r.id, r.reading ?? 'standard']),
  );
}

/** Each community's own guidelines: versioned, every change logged, defaults after P2P. */
@Injectable()
export class GuidelinesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly communities: CommunitiesService,
    private readonly log: ModerationLog,
    private readonly meaning: MeaningService,
    private readonly dryRun: DryRunService,
    private readonly guidelines: GuidelinesRepository,
  ) {}

  /** A dry run of proposed rules over the community's recent posts; nothing changes (Top 3). */
  async preview(auth: AuthContext, communityId: string, rules: unknown, days: number): Promise<GuidelinesPreviewView> {
    await this.communities.authorize(auth, communityId, Permission.ChangeGuidelines);
    const current = await this.current(communityId);
    const proposed = validateGuidelineSet({ version: current.version + 1, rules });
    if (typeof proposed === 'string') throw new BadRequestException(proposed);
    return this.dryRun.run(auth.userId, communityId, current, proposed, days);
  }

  /**
   * What a set of guidelines makes of a text: the rules, and the sentence model beside them when
   * it can read (without it, the rules alone; see MeaningService).
   */
  async read(text: string, set: GuidelineSet, known?: MeaningOf): Promise<CheckResult> {
    const meaning = known?.text === text ? known.reading : await this.meaning.read(text);
    return checkText(text, set, { meaning });
  }

  /** The sentence model's reading of a text, taken ahead (outside a transaction), for read(). */
  async meaningOf(text: string): Promise<MeaningOf> {
    return { text, reading: await this.meaning.read(text) };
  }

  /** The set in force now (the latest version, or the defaults). */
  async current(communityId: string, em?: EntityManager): Promise<GuidelineSet> {
    const row = await this.guidelines.latest(communityId, em);
    return row ? withEveryCategory({ version: row.version, rules: row.rules }) : DEFAULT_GUIDELINES;
  }

  /** Sets by community, as last read by storedVersion; a stored version never changes. */
  private readonly byVersion = new Map<string, { stored: number | null; set: GuidelineSet }>();

  /**
   * The set stored as `stored` (null: none stored, so the defaults), kept in memory so that the
   * release path does not read it again for every post.
   */
  async storedVersion(communityId: string, stored: number | null): Promise<GuidelineSet> {
    const cached = this.byVersion.get(communityId);
    if (cached && cached.stored === stored) return cached.set;
    let set = DEFAULT_GUIDELINES;
    if (stored !== null) {
      set = withEveryCategory({ version: stored, rules: await this.guidelines.rulesOf(communityId, stored) });
    }
    this.byVersion.set(communityId, { stored, set });
    return set;
  }

  async get(auth: AuthContext, communityId: string): Promise<GuidelinesView> {
    await this.communities.authorize(auth, communityId, Permission.ReadCommunity);
    return this.current(communityId);
  }

  /** The Top 3 change the rules: a new version, and a record of it in the log. */
  async replace(auth: AuthContext, communityId: string, rules: unknown): Promise<GuidelinesView> {
    await this.communities.authorize(auth, communityId, Permission.ChangeGuidelines);
    // The dry run's counts go in the log with the change, for the meeting. Worked out before the
    // transaction: reading a month of posts must not hold the community's row (posting waits on it).
    const seen = await this.current(communityId);
    const proposed = validateGuidelineSet({ version: seen.version + 1, rules });
    if (typeof proposed === 'string') throw new BadRequestException(proposed);
    const dryRun = await this.dryRun.run(auth.userId, communityId, seen, proposed, PREVIEW_DAYS);
    return this.db.transaction(async (em) => {
      await this.guidelines.lockCommunity(em, communityId);
      const before = await this.current(communityId, em);
      const checked = validateGuidelineSet({ version: before.version + 1, rules });
      if (typeof checked === 'string') throw new BadRequestException(checked);
      await this.guidelines.insert(em, communityId, checked, auth.userId);
      const readings = readingsOf(checked);
      const readingsBefore = readingsOf(before);
      // The meeting pack prints the reason: a change of reading is said there in plain words.
      const readingChanges = Object.entries(readings)
        .filter(([id, reading]) => readingsBefore[id] !== undefined && readingsBefore[id] !== reading)
        .map(([id, reading]) => `"${id}" now reads posts ${reading === 'careful' ? 'carefully' : 'as standard'}`);
      await this.log.append(em, {
        communityId,
        actorId: auth.userId,
        action: 'guidelines-change',
        reason: [`version ${before.version} to ${checked.version}`, ...readingChanges].join('; '),
        details: {
          from: before.version,
          to: checked.version,
          dryRun: {
            days: dryRun.days,
            posts: dryRun.posts,
            changes: dryRun.changes,
            today: dryRun.today,
            instead: dryRun.instead,
          },
          actions: Object.fromEntries(checked.rules.map((r) => [r.id, r.action])),
          readings,
        },
        forMeeting: true,
      });
      return checked;
    });
  }

  /** What the community's guidelines would do with a text, and why (used while composing). */
  async check(auth: AuthContext, communityId: string, text: string): Promise<GuidelinesCheckView> {
    await this.communities.authorize(auth, communityId, Permission.WritePosts);
    const set = await this.current(communityId);
    return { ...(await this.read(text, set)), version: set.version };
  }
}

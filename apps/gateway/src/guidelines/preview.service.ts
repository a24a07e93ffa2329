import { Injectable } from '@nestjs/common';
import { GuidelinesPreviewView, PreviewOutcome } from '@p2p/contract';
import { GuidelineSet, checkText } from '@p2p/guidelines';
import { textForGuidelines, toPostView } from '../entries/post-views';
import { MeaningService, keptMeaning } from './meaning.service';
import { PostsRepository } from '../entries/posts.repository';

/** How far back a preview looks, unless the Top 3 say otherwise. */
export const PREVIEW_DAYS = 30;
/** Posts that would change, listed in the answer (all are counted). */
const LISTED = 100;
/** Posts read in one preview, newest first: enough for a community's month, and bounded. */
const MOST_POSTS = 2_000;

/**
 * A dry run: what a proposed set of guidelines would have done with the community's own recent
 * posts, beside what the set in force does with them. Nothing is changed. Only posts on boards
 * the Top 3 member asking may read are read, counted or shown: a private board's posts stay with
 * its participants.
 */
@Injectable()
export class DryRunService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly meaning: MeaningService,
  ) {}

  /** `proposed` beside `current` over the posts of the last `days` days that `readerId` may read. */
  async run(
    readerId: string,
    communityId: string,
    current: GuidelineSet,
    proposed: GuidelineSet,
    days = PREVIEW_DAYS,
  ): Promise<GuidelinesPreviewView> {
    const rows = await this.posts.recentWithReadings(communityId, readerId, days, MOST_POSTS);
    const empty = (): Record<PreviewOutcome, number> => ({ hold: 0, 'check-in': 0, warn: 0, publish: 0 });
    const today = empty();
    const instead = empty();
    const changed: GuidelinesPreviewView['changed'] = [];
    let changes = 0;
    // The reading kept with each post where its text is the one read; the rest are read in
    // bulk, behind every post being written or released now.
    const readings = await Promise.all(
      rows.map((r) => {
        const text = textForGuidelines(r.opening_title, r.body);
        const kept = keptMeaning(text, r.meaning);
        return kept ? Promise.resolve(kept.reading) : this.meaning.read(text, { bulk: true });
      }),
    );
    rows.forEach((r, i) => {
      const text = textForGuidelines(r.opening_title, r.body);
      const now = checkText(text, current, { meaning: readings[i] });
      const next = checkText(text, proposed, { meaning: readings[i] });
      // The checker's outcome already says check-in where nothing stronger was found.
      const [from, to] = [now.outcome, next.outcome];
      today[from]++;
      instead[to]++;
      if (from === to) return;
      changes++;
      if (changed.length < LISTED) {
        changed.push({
          post: toPostView(r),
          threadTitle: r.thread_title,
          from,
          to,
          reasons: next.findings.map((f) => f.reason),
        });
      }
    });
    return { days, posts: rows.length, today, instead, changes, changed };
  }
}

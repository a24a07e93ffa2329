import { ErasureView } from '@p2p/contract';
import { DataSource } from 'typeorm';
import { WordsRemovalRepository } from '../entries/words-removal.repository';
import { ModerationLog } from '../moderation/moderation-log.repository';
import { updatedEvent } from '../moderation/review-events';
import { StoredEvent } from '../platform/realtime/event-log';
import { ErasureRepository } from './erasure.repository';

export interface ErasureStores {
  accounts: ErasureRepository;
  entries: WordsRemovalRepository;
  log: ModerationLog;
}

/** The stores, made by hand for the command line (which runs without the application). */
export const erasureStores = (db: DataSource): ErasureStores => ({
  accounts: new ErasureRepository(),
  entries: new WordsRemovalRepository(),
  log: new ModerationLog(db),
});

/**
 * Erases an account in one transaction, as ERASURE_PLAN says for every column that names a
 * person: the words of their entries (by each community's policy), the words of every log record
 * about them (the records stay and the chains still verify), their own rows, and their name. The
 * chains of their communities are locked first, so no record about them is written meanwhile.
 * Pages open elsewhere are told: a `post.updated` event for each of their shared entries, as it
 * now reads (quiet words, or the words from "a former member"). Returns undefined if the account
 * does not exist or is already erased.
 */
export async function eraseAccount(
  db: DataSource,
  stores: ErasureStores,
  userId: string,
  operatorReference?: string,
): Promise<{ done: ErasureView; events: StoredEvent[] } | undefined> {
  return db.transaction(async (em) => {
    const account = await stores.accounts.lockAccount(em, userId);
    if (!account) return undefined;
    const communities = await stores.accounts.communitiesOf(em, userId);
    await stores.log.lockChains(em, communities);
    const postIds = await stores.entries.entriesBy(em, userId);
    const records = await stores.log.aboutPerson(em, userId, postIds);
    const logRecordsCleared = await stores.log.removeWords(em, 'erasure', records);
    const { removed, kept } = await stores.entries.eraseAuthor(em, userId);
    await stores.accounts.deleteOwn(em, userId);
    await stores.accounts.scrubKept(em, userId);
    await stores.accounts.tombstone(em, userId);
    if (operatorReference) await stores.accounts.recordOperatorErasure(em, userId, operatorReference);
    const events: StoredEvent[] = [];
    for (const row of await stores.entries.shownBy(em, userId)) events.push(await updatedEvent(em, row));
    const done: ErasureView = {
      erased: true,
      communities: communities.length,
      entriesRemoved: removed.length,
      entriesKept: kept,
      logRecordsCleared,
    };
    return { done, events };
  });
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GuidelineSet } from '@p2p/guidelines';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The SQL of a community's guidelines: versions, each stored once and never changed. Methods
 * that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class GuidelinesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The latest stored version, if the community has saved any. */
  async latest(
    communityId: string,
    em: EntityManager | DataSource = this.db,
  ): Promise<{ version: number; rules: GuidelineSet['rules'] } | undefined> {
    const [row] = await em.query<{ version: number; rules: GuidelineSet['rules'] }[]>(
      `SELECT version, rules FROM guideline_versions WHERE community_id = $1 ORDER BY version DESC LIMIT 1`,
      [communityId],
    );
    return row;
  }

  async rulesOf(communityId: string, version: number): Promise<GuidelineSet['rules']> {
    const [row] = await this.db.query<{ rules: GuidelineSet['rules'] }[]>(
      `SELECT rules FROM guideline_versions WHERE community_id = $1 AND version = $2`,
      [communityId, version],
    );
    return row.rules;
  }

  /** Locks the community's row: one change of the rules at a time (and posting waits on it). */
  async lockCommunity(em: EntityManager, communityId: string): Promise<void> {
    await em.query(`SELECT id FROM communities WHERE id = $1 FOR UPDATE`, [communityId]);
  }

  async insert(em: EntityManager, communityId: string, set: GuidelineSet, userId: string): Promise<void> {
    await em.query(
      `INSERT INTO guideline_versions (community_id, version, rules, created_by) VALUES ($1, $2, $3, $4)`,
      [communityId, set.version, JSON.stringify(set.rules), userId],
    );
  }
}

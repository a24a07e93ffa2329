import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrisisContactView } from '@p2p/contract';
import { DataSource, EntityManager } from 'typeorm';

/** The post a message is about: where it is and whose it is. */
export interface MessagedPostRow {
  community_id: string;
  board_id: string;
  author_id: string;
}

export interface Top3MessageRow {
  id: string;
  community_id: string;
  name: string;
  body: string;
  created_at: Date;
  crisis_contacts: CrisisContactView[];
}

/**
 * The SQL of the Top 3's private messages to an author. Who may see a post is part of the query.
 * Methods that take an EntityManager run inside the caller's transaction.
 */
@Injectable()
export class Top3MessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The post, if the caller belongs to its community. */
  async postFor(postId: string, userId: string): Promise<MessagedPostRow | undefined> {
    const [post] = await this.db.query<MessagedPostRow[]>(
      `SELECT p.community_id, p.board_id, p.author_id FROM posts p
        WHERE p.id = $1 AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = p.community_id AND m.user_id = $2)`,
      [postId, userId],
    );
    return post;
  }

  /** A message; its id. */
  async insert(
    em: EntityManager,
    m: { communityId: string; postId: string; toUserId: string; fromUserId: string; body: string },
  ): Promise<string> {
    const [message] = await em.query<{ id: string }[]>(
      `INSERT INTO top3_messages (community_id, post_id, to_user_id, from_user_id, body) VALUES ($1, $2, $3, $4, $5)
         RETURNING id`,
      [m.communityId, m.postId, m.toUserId, m.fromUserId, m.body],
    );
    return message.id;
  }

  /** Messages to the person, newest first (100 at most), with their community's crisis contacts. */
  toUser(userId: string): Promise<Top3MessageRow[]> {
    return this.db.query<Top3MessageRow[]>(
      `SELECT m.id, m.community_id, c.name, m.body, m.created_at, c.crisis_contacts
         FROM top3_messages m JOIN communities c ON c.id = m.community_id
        WHERE m.to_user_id = $1 ORDER BY m.created_at DESC LIMIT 100`,
      [userId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { onBreak } from '../hard-days/on-break.sql';
import type { NotificationRow } from './notifications.repository';

/** A send planned in its notification's transaction, to be queued once that commits. */
export interface PlannedSend {
  id: string;
  dueAt: Date;
}

/** A device's push subscription, as a browser handed it to us. */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** A send still due, locked, with what its email or push needs. */
export type DueSend = Pick<
  NotificationRow,
  'kind' | 'urgent' | 'community_id' | 'community_name' | 'post_id' | 'thread_id' | 'election_id'
> & {
  id: string;
  channel: 'email' | 'push';
  address: string;
  attempts: number;
  wait_ms: number;
  /** How many of the person's notifications are unread: the app's badge. */
  unread: number;
  /** The person started a break after the send was planned (it waited for their quiet hours). */
  on_break: boolean;
};

/**
 * The SQL of telling people outside the app: the sends (one row per notification, channel and
 * address, locked while sent so that two workers never send one twice), the devices people turned
 * alerts on for, and the board's own push keys. Methods that take an EntityManager run inside the
 * caller's transaction.
 */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The emails (only if `emailAvailable`) and pushes these notifications need, by each person's
   * settings, due now if insistent or else at the end of their quiet hours; once per notification,
   * channel and address. None for a person taking a break, insistent or not: their in-app
   * notifications wait for them, and the ladder goes on to the others and the on-call contact
   * (docs/notifications.md). The sends made.
   */
  async planSends(em: EntityManager, notificationIds: string[], emailAvailable: boolean): Promise<PlannedSend[]> {
    const rows = await em.query<{ id: string; due_at: Date }[]>(
      `WITH n AS (
         SELECT n.id, n.user_id, s.email, coalesce(s.email_on, false) AS email_on, s.quiet_from, s.quiet_until,
                coalesce(s.time_zone, 'Europe/London') AS time_zone,
                n.urgent AND (n.kind = 'held-waiting' OR EXISTS (
                  SELECT 1 FROM duty_shifts d
                   WHERE d.community_id = n.community_id AND d.user_id = n.user_id
                     AND d.starts_at <= clock_timestamp() AND d.ends_at > clock_timestamp())) AS insistent
           FROM notifications n LEFT JOIN notification_settings s ON s.user_id = n.user_id
          WHERE n.id = ANY($1::uuid[])
            AND NOT ${onBreak('n.user_id')}
       ), wanted AS (
         SELECT n.id, 'email' AS channel, n.email AS address, n.insistent, n.time_zone, n.quiet_from, n.quiet_until
           FROM n WHERE $2 AND n.email IS NOT NULL AND (n.email_on OR n.insistent)
         UNION ALL
         SELECT n.id, 'push', ps.endpoint, n.insistent, n.time_zone, n.quiet_from, n.quiet_until
           FROM n JOIN push_subscriptions ps ON ps.user_id = n.user_id
       )
       INSERT INTO notification_sends (notification_id, channel, address, due_at, insistent)
       SELECT id, channel, address,
              CASE WHEN insistent THEN clock_timestamp()
                   ELSE notification_due(clock_timestamp(), time_zone, quiet_from, quiet_until) END,
              insistent
         FROM wanted
       ON CONFLICT (notification_id, channel, address) DO NOTHING
       RETURNING id, due_at`,
      [notificationIds, emailAvailable],
    );
    return rows.map((r) => ({ id: r.id, dueAt: r.due_at }));
  }

  /** Sends due by now and not yet sent, soonest first (500 at most). */
  async dueSends(): Promise<PlannedSend[]> {
    const due = await this.db.query<{ id: string; due_at: Date }[]>(
      `SELECT id, due_at FROM notification_sends WHERE status = 'due' AND due_at <= clock_timestamp() ORDER BY due_at LIMIT 500`,
    );
    return due.map((d) => ({ id: d.id, dueAt: d.due_at }));
  }

  /**
   * The send, locked for this transaction, if it is still due (its wait_ms may say not yet).
   * Nothing if it is done, or another worker holds it (SKIP LOCKED).
   */
  async lockDueSend(em: EntityManager, sendId: string): Promise<DueSend | undefined> {
    const [row] = await em.query<DueSend[]>(
      `SELECT s.id, s.channel, s.address, s.attempts,
                greatest(0, ceil(extract(epoch FROM (s.due_at - clock_timestamp())) * 1000))::int AS wait_ms,
                n.kind, n.urgent, n.community_id, c.name AS community_name, n.post_id, n.thread_id, n.election_id,
                (SELECT count(*)::int FROM notifications u WHERE u.user_id = n.user_id AND u.read_at IS NULL) AS unread,
                ${onBreak('n.user_id')} AS on_break
           FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
           JOIN communities c ON c.id = n.community_id
          WHERE s.id = $1 AND s.status = 'due'
          FOR UPDATE OF s SKIP LOCKED`,
      [sendId],
    );
    return row;
  }

  /** A try that failed: counted, with why, and due again after waitMs, or failed for good. */
  async markTried(
    em: EntityManager,
    sendId: string,
    t: { attempts: number; error: string; status: 'failed' | 'due'; waitMs: number },
  ): Promise<void> {
    await em.query(
      `UPDATE notification_sends SET attempts = $2, error = $3, status = $4,
                  due_at = clock_timestamp() + make_interval(secs => $5) WHERE id = $1`,
      [sendId, t.attempts, t.error, t.status, t.waitMs / 1000],
    );
  }

  /** Not sent, and never will be: the person is taking a break. Their in-app notification stays. */
  async markSkipped(em: EntityManager, sendId: string): Promise<void> {
    await em.query(`UPDATE notification_sends SET status = 'skipped', error = $2 WHERE id = $1`, [
      sendId,
      'the person is taking a break',
    ]);
  }

  async markSent(em: EntityManager, sendId: string): Promise<void> {
    await em.query(
      `UPDATE notification_sends SET status = 'sent', sent_at = clock_timestamp(), attempts = attempts + 1, error = NULL
          WHERE id = $1`,
      [sendId],
    );
  }

  async pushTarget(em: EntityManager, endpoint: string): Promise<PushTarget | undefined> {
    const [target] = await em.query<PushTarget[]>(
      `SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE endpoint = $1`,
      [endpoint],
    );
    return target;
  }

  /** The device turned alerts off: its subscription ends, and the send to it fails. */
  async deviceGone(em: EntityManager, sendId: string, endpoint: string): Promise<void> {
    await em.query(`DELETE FROM push_subscriptions WHERE endpoint = $1`, [endpoint]);
    await em.query(`UPDATE notification_sends SET status = 'failed', error = $2 WHERE id = $1`, [
      sendId,
      'the device turned alerts off',
    ]);
  }

  /** The push endpoints of the person's devices, oldest first. */
  async devices(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ endpoint: string }[]>(
      `SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
    return rows.map((r) => r.endpoint);
  }

  /** Alerts on for a device, for this person: a device already known moves to them. */
  async saveDevice(userId: string, sub: PushTarget): Promise<void> {
    await this.db.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = $1, p256dh = $3, auth = $4, created_at = now()`,
      [userId, sub.endpoint, sub.p256dh, sub.auth],
    );
  }

  /** Alerts off for a device; only the person's own. */
  async removeDevice(userId: string, endpoint: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [userId, endpoint]);
  }

  /** The board's VAPID keys: these, unless another gateway kept its own first; those kept. */
  async keepVapidKeys(made: {
    publicKey: string;
    privateKey: string;
  }): Promise<{ publicKey: string; privateKey: string }> {
    await this.db.query(
      `INSERT INTO vapid_keys (id, public_key, private_key) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`,
      [made.publicKey, made.privateKey],
    );
    const [row] = await this.db.query<{ public_key: string; private_key: string }[]>(
      `SELECT public_key, private_key FROM vapid_keys WHERE id = 1`,
    );
    return { publicKey: row.public_key, privateKey: row.private_key };
  }
}

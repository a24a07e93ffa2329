import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MyNotificationSettingsView,
  NotificationKind,
  NotificationsPageView,
  NotificationView,
  PushDevicesView,
  ServerEvents,
  UnreadCountView,
} from '@p2p/contract';
import { DataSource } from 'typeorm';
import { AuthContext } from '../platform/http/auth-context';
import { decodeCursor, toPage } from '../platform/http/pagination';
import { FanoutService } from '../platform/realtime/fanout.service';
import { Mailer } from './mailer';
import { pageOf } from './notification-sender';
import { notificationSentence } from './notification-words';
import { NotificationSettingsDto, PushSubscriptionDto } from './notifications.dto';
import { Pusher } from './pusher';

// created_key: the full-precision time as text, for the page cursor (a JS Date keeps milliseconds only).
const NOTIFICATION_SELECT = `SELECT n.id, n.kind, n.urgent, n.community_id, c.name AS community_name, n.post_id,
       n.thread_id, n.election_id, n.created_at, n.created_at::text AS created_key, n.read_at, n.user_id
  FROM notifications n JOIN communities c ON c.id = n.community_id`;

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  urgent: boolean;
  community_id: string;
  community_name: string;
  post_id: string | null;
  thread_id: string | null;
  election_id: string | null;
  created_at: Date;
  created_key: string;
  read_at: Date | null;
}

function toView(r: NotificationRow): NotificationView {
  const page = pageOf(r.kind);
  const link: NotificationView['link'] = page
    ? { page, ...(r.post_id ? { postId: r.post_id } : {}) }
    : r.election_id
      ? { electionId: r.election_id }
      : { ...(r.thread_id ? { threadId: r.thread_id } : {}), ...(r.post_id ? { postId: r.post_id } : {}) };
  return {
    id: r.id,
    kind: r.kind,
    urgent: r.urgent,
    communityId: r.community_id,
    communityName: r.community_name,
    text: notificationSentence(r.kind, r.urgent),
    link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

interface SettingsRow {
  email: string | null;
  email_on: boolean;
  quiet_from: string | null;
  quiet_until: string | null;
  time_zone: string;
}

const hhmm = (t: string | null): string | null => (t ? t.slice(0, 5) : null);

/** A person's own notifications and how they want to be told. Only ever their own rows. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fanout: FanoutService,
    private readonly mailer: Mailer,
    private readonly pusher: Pusher,
  ) {}

  /** Newest first, with how many are unread. */
  async list(auth: AuthContext, query: { limit?: number; cursor?: string }): Promise<NotificationsPageView> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.db.query<NotificationRow[]>(
      `${NOTIFICATION_SELECT}
        WHERE n.user_id = $1 ${after ? 'AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      after ? [auth.userId, limit + 1, after[0], after[1]] : [auth.userId, limit + 1],
    );
    const page = toPage(rows, limit, (r) => [r.created_key, r.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor, unread: await this.unread(auth.userId) };
  }

  /** Marks some (or all) of one's own notifications read; says how many are still unread. */
  async markRead(auth: AuthContext, input: { ids?: string[]; all?: boolean }): Promise<UnreadCountView> {
    if (!input.all && (!input.ids || input.ids.length === 0)) {
      throw new BadRequestException('Please say which notifications to mark as read (ids), or all.');
    }
    await this.db.query(
      `UPDATE notifications SET read_at = clock_timestamp()
        WHERE user_id = $1 AND read_at IS NULL ${input.all ? '' : 'AND id = ANY($2::uuid[])'}`,
      input.all ? [auth.userId] : [auth.userId, input.ids],
    );
    return { unread: await this.unread(auth.userId) };
  }

  async settings(auth: AuthContext): Promise<MyNotificationSettingsView> {
    const [row] = await this.db.query<SettingsRow[]>(
      `SELECT email, email_on, quiet_from::text, quiet_until::text, time_zone FROM notification_settings WHERE user_id = $1`,
      [auth.userId],
    );
    return {
      email: row?.email ?? null,
      emailOn: row?.email_on ?? false,
      quietFrom: hhmm(row?.quiet_from ?? null),
      quietUntil: hhmm(row?.quiet_until ?? null),
      timeZone: row?.time_zone ?? 'Europe/London',
      emailAvailable: this.mailer.available,
    };
  }

  async saveSettings(auth: AuthContext, input: NotificationSettingsDto): Promise<MyNotificationSettingsView> {
    const current = await this.settings(auth);
    const next = {
      email: input.email === undefined ? current.email : input.email?.trim() || null,
      emailOn: input.emailOn ?? current.emailOn,
      quietFrom: input.quietFrom === undefined ? current.quietFrom : input.quietFrom,
      quietUntil: input.quietUntil === undefined ? current.quietUntil : input.quietUntil,
      timeZone: input.timeZone ?? current.timeZone,
    };
    if (next.emailOn && !next.email) {
      throw new BadRequestException('Please give an email address before turning email on.');
    }
    if (next.emailOn && !this.mailer.available) {
      throw new BadRequestException('This board has no email set up yet, so notifications can only come in the app.');
    }
    if ((next.quietFrom === null) !== (next.quietUntil === null)) {
      throw new BadRequestException('Quiet hours need both a start and an end (or neither).');
    }
    const [zone] = await this.db.query<{ ok: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok`,
      [next.timeZone],
    );
    if (!zone.ok) throw new BadRequestException('We do not know that time zone; use a name such as Europe/London.');
    await this.db.query(
      `INSERT INTO notification_settings (user_id, email, email_on, quiet_from, quiet_until, time_zone, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (user_id) DO UPDATE SET email = $2, email_on = $3, quiet_from = $4, quiet_until = $5,
                                           time_zone = $6, updated_at = now()`,
      [auth.userId, next.email, next.emailOn, next.quietFrom, next.quietUntil, next.timeZone],
    );
    return this.settings(auth);
  }

  /** The board's push key, and the devices (push endpoints) this person has turned alerts on for. */
  async push(auth: AuthContext): Promise<PushDevicesView> {
    const rows = await this.db.query<{ endpoint: string }[]>(
      `SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`,
      [auth.userId],
    );
    return { publicKey: await this.pusher.publicKey(), endpoints: rows.map((r) => r.endpoint) };
  }

  /** Alerts on this device: its push subscription, for this person (a shared device moves to whoever signed in last). */
  async subscribe(auth: AuthContext, sub: PushSubscriptionDto): Promise<PushDevicesView> {
    this.pusher.checkEndpoint(sub.endpoint);
    await this.db.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = $1, p256dh = $3, auth = $4, created_at = now()`,
      [auth.userId, sub.endpoint, sub.keys.p256dh, sub.keys.auth],
    );
    return { endpoints: (await this.push(auth)).endpoints };
  }

  /** Alerts off on a device; only one's own. */
  async unsubscribe(auth: AuthContext, endpoint: string): Promise<PushDevicesView> {
    await this.db.query(`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [auth.userId, endpoint]);
    return { endpoints: (await this.push(auth)).endpoints };
  }

  /** Tells each person's open sockets, on every node, of their new notifications. */
  async announce(ids: string[]): Promise<void> {
    const rows = await this.db.query<NotificationRow[]>(`${NOTIFICATION_SELECT} WHERE n.id = ANY($1::uuid[])`, [ids]);
    const counts = new Map<string, number>();
    for (const r of rows) {
      if (!counts.has(r.user_id)) counts.set(r.user_id, await this.unread(r.user_id));
      this.fanout.toUser(r.user_id, ServerEvents.notificationCreated, {
        notification: toView(r),
        unread: counts.get(r.user_id)!,
      });
    }
  }

  private async unread(userId: string): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return n;
  }
}

import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  MyNotificationSettingsView,
  NotificationsPageView,
  NotificationView,
  PushDevicesView,
  ServerEvents,
  UnreadCountView,
} from '@p2p/contract';
import { AuthContext } from '../platform/http/auth-context';
import { knownTimeZone } from '../platform/database/data-source';
import { decodeCursor, toPage } from '../platform/http/pagination';
import { FanoutService } from '../platform/realtime/fanout.service';
import { DeliveryRepository } from './delivery.repository';
import { Mailer } from './mailer';
import { pageOf } from './notification-sender';
import { notificationSentence } from './notification-words';
import { NotificationSettingsDto, PushSubscriptionDto } from './notifications.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';
import { Pusher } from './pusher';

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

const hhmm = (t: string | null): string | null => (t ? t.slice(0, 5) : null);

/** A person's own notifications and how they want to be told. Only ever their own rows. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsRepository,
    private readonly delivery: DeliveryRepository,
    private readonly fanout: FanoutService,
    private readonly mailer: Mailer,
    private readonly pusher: Pusher,
  ) {}

  /** Newest first, with how many are unread. */
  async list(auth: AuthContext, query: { limit?: number; cursor?: string }): Promise<NotificationsPageView> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.notifications.page(auth.userId, limit + 1, after);
    const page = toPage(rows, limit, (r) => [r.created_key, r.id]);
    return { items: page.items.map(toView), nextCursor: page.nextCursor, unread: await this.unread(auth.userId) };
  }

  /** Marks some (or all) of one's own notifications read; says how many are still unread. */
  async markRead(auth: AuthContext, input: { ids?: string[]; all?: boolean }): Promise<UnreadCountView> {
    if (!input.all && (!input.ids || input.ids.length === 0)) {
      throw new BadRequestException('Please say which notifications to mark as read (ids), or all.');
    }
    await this.notifications.markRead(auth.userId, input.all ? null : input.ids!);
    return { unread: await this.unread(auth.userId) };
  }

  async settings(auth: AuthContext): Promise<MyNotificationSettingsView> {
    const row = await this.notifications.settings(auth.userId);
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
    if (!(await knownTimeZone(this.db, next.timeZone))) {
      throw new BadRequestException('We do not know that time zone; use a name such as Europe/London.');
    }
    await this.notifications.saveSettings(auth.userId, next);
    return this.settings(auth);
  }

  /** The board's push key, and the devices (push endpoints) this person has turned alerts on for. */
  async push(auth: AuthContext): Promise<PushDevicesView> {
    const endpoints = await this.delivery.devices(auth.userId);
    return { publicKey: await this.pusher.publicKey(), endpoints };
  }

  /** Alerts on this device: its push subscription, for this person (a shared device moves to whoever signed in last). */
  async subscribe(auth: AuthContext, sub: PushSubscriptionDto): Promise<PushDevicesView> {
    this.pusher.checkEndpoint(sub.endpoint);
    await this.delivery.saveDevice(auth.userId, {
      endpoint: sub.endpoint,
      p256dh: sub.keys.p256dh,
      auth: sub.keys.auth,
    });
    return { endpoints: (await this.push(auth)).endpoints };
  }

  /** Alerts off on a device; only one's own. */
  async unsubscribe(auth: AuthContext, endpoint: string): Promise<PushDevicesView> {
    await this.delivery.removeDevice(auth.userId, endpoint);
    return { endpoints: (await this.push(auth)).endpoints };
  }

  /** Tells each person's open sockets, on every node, of their new notifications. */
  async announce(ids: string[]): Promise<void> {
    const rows = await this.notifications.byIds(ids);
    const counts = new Map<string, number>();
    for (const r of rows) {
      if (!counts.has(r.user_id)) counts.set(r.user_id, await this.unread(r.user_id));
      this.fanout.toUser(r.user_id, ServerEvents.notificationCreated, {
        notification: toView(r),
        unread: counts.get(r.user_id)!,
      });
    }
  }

  private unread(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }
}

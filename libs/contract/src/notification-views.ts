/** What the HTTP API returns about notifications, the duty rota, escalation and crisis plans. */
import type { AuthorView, NotificationView } from './events';

/** How a person is told (GET/PUT /me/notification-settings). In the app is always on. */
export interface NotificationSettingsView {
  /** Where email goes; nothing is sent until emailOn. */
  email: string | null;
  emailOn: boolean;
  /** Quiet hours in the person's time zone ("22:00" to "07:00"); both or neither. */
  quietFrom: string | null;
  quietUntil: string | null;
  timeZone: string;
}

/** One shift on the Top 3 rota. */
export interface DutyShiftView {
  id: string;
  who: AuthorView;
  startsAt: string;
  endsAt: string;
}

/**
 * Who of the Top 3 is on duty (GET /communities/:cid/duty): now, the next two weeks, and when a
 * Top 3 member is next expected if nobody is on duty now.
 */
export interface DutyView {
  onDutyNow: DutyShiftView[];
  /** Whether any Top 3 member has the board open now (on any device). */
  someoneOnline: boolean;
  shifts: DutyShiftView[];
  nextExpectedAt: string | null;
}

/**
 * The escalation ladder (GET/PUT /communities/:cid/escalation, Top 3 and staff): an imminent-risk
 * hold nobody has taken goes to every Top 3 member by every channel after escalateAfterMinutes,
 * and a content-free alert goes to the on-call contact after onCallAfterMinutes.
 */
export interface EscalationSettingsView {
  escalateAfterMinutes: number;
  onCallAfterMinutes: number;
  onCallEmail: string | null;
  /** The community's time zone: times in the on-call alert are given in it. */
  timeZone: string;
}

/**
 * A member's own crisis plan (GET/PUT /me/crisis-plan). Private to them; never visible to staff;
 * the Top 3 see it beside a held post of theirs only when showTop3WhenHeld is on.
 */
export interface CrisisPlanView {
  whoToCall: string;
  whatHelps: string;
  whereToGo: string;
  showTop3WhenHeld: boolean;
  updatedAt: string | null;
}

/** GET /me/notifications: a page of them, and how many are unread in all. */
export interface NotificationsPageView {
  items: NotificationView[];
  nextCursor: string | null;
  unread: number;
}

/** How many of my notifications are unread, after marking some read. */
export interface UnreadCountView {
  unread: number;
}

/** My notification settings, and whether this board can send email at all. */
export interface MyNotificationSettingsView extends NotificationSettingsView {
  emailAvailable: boolean;
}

/** The devices where alerts are on, and the board's key for turning them on (absent after a change). */
export interface PushDevicesView {
  publicKey?: string;
  endpoints: string[];
}

/** The on-call contact alerted (POST /posts/:pid/on-call): the address the alert went to. */
export interface OnCallView {
  sentTo: string;
}

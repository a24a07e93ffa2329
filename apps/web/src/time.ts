const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const clock = (d: Date): string => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * When something happened, the way people say it: "just now", "5 minutes ago", "3 hours ago",
 * "yesterday, 21:40", "Tuesday, 09:15", then the date. The exact time is kept beside it (the
 * `title` of a `<time>`); the log and the review desk keep exact times throughout.
 */
export function ago(iso: string, now: number = Date.now()): string {
  const then = new Date(iso);
  const minutes = Math.floor((now - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const days = Math.ceil((today.getTime() - then.getTime()) / 86_400_000);
  if (days <= 0) return relative.format(-Math.floor(minutes / 60), 'hour');
  if (days === 1) return `yesterday, ${clock(then)}`;
  if (days < 7) return `${then.toLocaleDateString('en-GB', { weekday: 'long' })}, ${clock(then)}`;
  return then.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

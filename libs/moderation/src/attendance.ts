/** What staff record for each member at each session. */
export type AttendanceMark = 'attended' | 'contact' | 'no-contact';

export interface SessionMark {
  sessionId: string;
  startsAt: Date;
  /** null: not recorded (yet). Unrecorded sessions neither count nor break a run. */
  mark: AttendanceMark | null;
}

/**
 * P2P's rule: a member who does not attend and makes no contact for `threshold` sessions in a row
 * is suspended. Returns the session that completes such a run at the end of the record, or null.
 * Only sessions after `since` count (the end of an earlier suspension), so a member who comes
 * back starts with a clean slate.
 */
export function suspensionTrigger(marks: readonly SessionMark[], threshold: number, since?: Date): string | null {
  const recorded = [...marks]
    .filter((m) => m.mark !== null && (!since || m.startsAt.getTime() > since.getTime()))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (recorded.length < threshold) return null;
  const run = recorded.slice(-threshold);
  return run.every((m) => m.mark === 'no-contact') ? run[run.length - 1].sessionId : null;
}

/** The suspension lasts whole calendar months (3 months from 30 November ends on 28 February). */
export function suspensionEnds(start: Date, months: number): Date {
  const end = new Date(start);
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

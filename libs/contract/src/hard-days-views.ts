/**
 * A member's controls for hard days: the words they muted, and a break they are taking. Theirs
 * alone; nobody else reads them.
 */
export interface HardDaysView {
  /** Entries mentioning any of these are folded for this member (lower case, as saved). */
  mutedWords: string[];
  /**
   * The end of the member's break. Still given for a break that has ended but not been welcomed
   * back from yet (onBreak false), so the first page can say welcome back; null when there is none.
   */
  breakUntil: string | null;
  /** True while the break lasts: no board, and no email or push. */
  onBreak: boolean;
}

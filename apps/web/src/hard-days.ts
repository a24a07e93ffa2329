import { signal } from '@preact/signals';
import type { HardDaysView } from '@p2p/contract';
import { api } from './api';
import { mutedWordAmong } from './muted-words';

/** The member's controls for hard days, loaded with their community; null until then. */
export const hardDays = signal<HardDaysView | null>(null);
/** Set when a break has just ended, so the next page says welcome back once. */
export const welcomeBack = signal(false);

export async function loadHardDays(): Promise<void> {
  const view = await api.get<HardDaysView>('/me/hard-days');
  if (view.breakUntil && !view.onBreak) {
    // The break ended by itself: say welcome back, and clear it so it is said only once.
    welcomeBack.value = true;
    hardDays.value = await api.del<HardDaysView>('/me/break');
    return;
  }
  hardDays.value = view;
}

/** Ends the break now; the board comes back with a plain welcome. */
export async function endBreak(): Promise<void> {
  hardDays.value = await api.del<HardDaysView>('/me/break');
  welcomeBack.value = true;
}

/** The first of the member's muted words the text mentions, or null (see mutedWordAmong). */
export const mutedWordIn = (text: string): string | null => mutedWordAmong(text, hardDays.value?.mutedWords ?? []);

/** The Badging API, where the browser has it (an installed app on most phones and desktops). */
interface Badging {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
}

/**
 * The app icon's badge: how many notifications are unread (a plain dot when the number is not
 * known), cleared at none. Only a number, never anything about what happened. Where the browser
 * has no badge, or the app is not installed, nothing happens: the count in the app is still there.
 */
export async function showBadge(nav: object, count: number | undefined): Promise<void> {
  const badging = nav as Badging;
  try {
    if (count === 0) await badging.clearAppBadge?.();
    else await badging.setAppBadge?.(count);
  } catch {
    // Not allowed here (say, a tab that is not installed): the in-app count is enough.
  }
}

/**
 * Nothing written is lost: what is being written is kept in the tab as it is typed, and on the
 * server as the member's draft for that place, so a reload, a dropped connection, a refusal or
 * another device finds the words waiting.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import type { DraftView } from '../types';

/**
 * What is being written, kept in this tab's session storage as it is typed, so a reload, a dropped
 * connection or a refusal (the posting limit) never loses it; cleared once it is sent. Session
 * storage, not local: on a shared device it goes when the tab is closed. Beside the words, when
 * they were kept (`<key>:at`), so a draft saved on the server from another device can be told
 * apart from older words here.
 */
export function useDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => {
    try {
      return sessionStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  });
  const keep = (next: string) => {
    setText(next);
    try {
      if (next) {
        sessionStorage.setItem(key, next);
        sessionStorage.setItem(`${key}:at`, String(Date.now()));
      } else {
        sessionStorage.removeItem(key);
        sessionStorage.removeItem(`${key}:at`);
      }
    } catch {
      // Storage may be off or full: the words still stay on the page.
    }
  };
  return [text, keep];
}

/** When the words under these keys were last kept here: 0 for none, Infinity for words of unknown age. */
export function keptAt(...keys: string[]): number {
  try {
    return Math.max(
      0,
      ...keys.map((k) => (sessionStorage.getItem(k) ? Number(sessionStorage.getItem(`${k}:at`)) || Infinity : 0)),
    );
  } catch {
    return 0;
  }
}

const SAVE_AFTER_MS = 1500;

/**
 * Keeps what is being written on the server too (GET/PUT/DELETE /me/drafts/:place), so a dropped
 * connection or another device loses nothing: saved a short while after typing stops (never on
 * every keystroke), and at once when the page goes; on opening, the server's draft fills the
 * composer unless the member has typed already or this tab holds newer words. A failed save is
 * quiet: the words are still on the page and in session storage, and the next pause tries again.
 * Saves and the final delete go one after another, so a late save never brings back a sent draft.
 */
export function useServerDraft(
  place: string | undefined,
  words: { title?: string; body: string },
  opening: { keptAt: () => number; load: (draft: DraftView) => void },
): { typed: () => void; sent: () => void } {
  const path = place ? `/me/drafts/${place}` : null;
  const latest = useRef({ path, words });
  latest.current = { path, words };
  const typedHere = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const run = (op: () => Promise<unknown>) => {
    queue.current = queue.current.then(op).catch(() => undefined);
  };
  // The place the pending save is for: the one typed in, even if the page has moved on since.
  const target = useRef<string | null>(null);
  const save = () => {
    timer.current = null;
    const at = target.current;
    const w = latest.current.words;
    if (!at) return;
    const title = w.title || undefined;
    run(() => (title || w.body ? api.put(at, { ...(title ? { title } : {}), body: w.body }) : api.del(at)));
  };
  const flush = () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    save();
  };
  // Leaving the page (a closed tab, a phone putting the browser away): the words typed in the last
  // moments go now, not after the queue, and with keepalive so the browser finishes the request.
  const flushAsPageCloses = () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    const at = target.current;
    const w = latest.current.words;
    const title = w.title || undefined;
    if (at && (title || w.body)) {
      api.putAsPageCloses(at, { ...(title ? { title } : {}), body: w.body }).catch(() => undefined);
    }
  };

  useEffect(() => {
    if (!path) return;
    let live = true;
    api.get<DraftView>(path).then(
      (d) => {
        if (!live || typedHere.current || !d.updatedAt || !(d.title || d.body)) return;
        if (opening.keptAt() >= Date.parse(d.updatedAt)) return;
        opening.load(d);
      },
      () => undefined,
    );
    addEventListener('pagehide', flushAsPageCloses);
    return () => {
      live = false;
      removeEventListener('pagehide', flushAsPageCloses);
      flush();
    };
  }, [path]);

  return {
    typed: () => {
      typedHere.current = true;
      target.current = latest.current.path;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_AFTER_MS);
    },
    sent: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      typedHere.current = false;
      const at = latest.current.path;
      if (at) run(() => api.del(at));
    },
  };
}

/** Where this tab keeps words being written (session storage): every key starts so. */
export const DRAFT_KEY_PREFIX = 'p2p-draft:';

export const draftKey = (id: string, part = ''): string =>
  `${DRAFT_KEY_PREFIX}${typeof location === 'undefined' ? '' : location.pathname}:${id}${part}`;

/** Whether words are waiting in this page's composer of that kind ('new-thread' or 'reply'). */
export function hasDraft(id: string): boolean {
  try {
    return Boolean(sessionStorage.getItem(draftKey(id)) || sessionStorage.getItem(draftKey(id, ':title')));
  } catch {
    return false;
  }
}

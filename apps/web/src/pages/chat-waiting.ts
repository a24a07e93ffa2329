import { effect, signal } from '@preact/signals';
import { api } from '../api';
import { on } from '../realtime';
import { community, isTop3, me } from '../session';
import type { RoomView } from '../types';

/**
 * For the Top 3: how many one-to-one conversations are waiting for a monitor they could be, kept
 * up to date by the request and monitor events, so the nav can say so from any page.
 */
export const directWaiting = signal(0);

effect(() => {
  const cid = community.value?.id;
  const top3 = isTop3.value;
  const myId = me.value?.id;
  if (!cid || !top3) {
    directWaiting.value = 0;
    return;
  }
  let live = true;
  const count = () =>
    api.get<{ items: RoomView[] }>(`/communities/${cid}/chat/direct`).then(
      (list) => {
        if (!live) return;
        directWaiting.value = list.items.filter((r) => !r.open && !r.monitors.some((m) => m.id === myId)).length;
      },
      () => undefined,
    );
  void count();
  const offs = [on('chat.direct-requested', () => void count()), on('chat.monitors', () => void count())];
  return () => {
    live = false;
    offs.forEach((off) => off());
  };
});

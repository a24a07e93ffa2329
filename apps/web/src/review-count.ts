import { effect, signal } from '@preact/signals';
import { api } from './api';
import { on } from './realtime';
import { community, isTop3 } from './session';

/** For the Top 3: how many entries wait in the review list now, shown in the menu and the page title. */
export const reviewWaiting = signal(0);

async function refresh(): Promise<void> {
  const c = community.value;
  if (!c || !isTop3.value) {
    reviewWaiting.value = 0;
    return;
  }
  const queue = await api.get<{ items: unknown[] }>(`/communities/${c.id}/review-queue`).catch(() => null);
  if (queue && community.value?.id === c.id) reviewWaiting.value = queue.items.length;
}

on('review.changed', (e) => {
  if (e.communityId === community.value?.id) void refresh();
});
on('stream.ready', () => void refresh());
effect(() => {
  void community.value?.id;
  void isTop3.value;
  void refresh();
});

/** "(2) Riverside": a Top 3 member sees from any tab that something is waiting. */
effect(() => {
  const name = community.value?.name ?? 'P2P Board';
  document.title = reviewWaiting.value > 0 ? `(${reviewWaiting.value}) ${name}` : name;
});

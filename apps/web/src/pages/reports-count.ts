import { signal } from '@preact/signals';
import { on } from '../realtime';
import { community, isStaff } from '../session';

/** Reports that arrived while staff were on another page: the nav shows how many. */
export const newReports = signal(0);
on('significant-event.created', (e) => {
  if (isStaff.value && e.communityId === community.value?.id) newReports.value += 1;
});

import type { Page } from 'playwright-core';
import type { ProvisionedCommunity } from '../../apps/gateway/src/communities/provisioning';

/**
 * The pages the accessibility test opens, each as the person who would use it, with what shows
 * it has loaded (accessibility.browser-spec.ts seeds what they show and checks each).
 */
export type Who = 'member' | 'top3' | 'staff' | 'suspended';
export interface Seeded {
  c: ProvisionedCommunity;
  threadId: string;
  meetingId: string;
  sessionId: string;
  chatRoom: string;
  direct: string;
}

/** Every page of the client, as the person who would use it, with what shows it has loaded. */
export const PAGES: { name: string; who: Who; path: (s: Seeded) => string; ready: (page: Page) => Promise<unknown> }[] =
  [
    {
      name: 'home',
      who: 'member',
      path: (s) => `/c/${s.c.id}`,
      ready: (p) => p.getByRole('heading', { name: 'Boards' }).waitFor(),
    },
    {
      name: 'board',
      who: 'member',
      path: (s) => `/c/${s.c.id}/boards/${s.c.boards.community}`,
      ready: (p) => p.getByRole('button', { name: 'Start a thread' }).waitFor(),
    },
    {
      name: 'thread',
      who: 'member',
      path: (s) => `/c/${s.c.id}/threads/${s.threadId}`,
      ready: (p) => p.getByRole('button', { name: 'Send reply' }).waitFor(),
    },
    {
      name: 'info',
      who: 'member',
      path: (s) => `/c/${s.c.id}/boards/${s.c.boards.info}`,
      ready: (p) => p.getByRole('heading', { name: 'Need help now?', level: 2 }).waitFor(),
    },
    {
      name: 'help',
      who: 'member',
      path: (s) => `/c/${s.c.id}/help`,
      ready: (p) => p.getByText('Samaritans').waitFor(),
    },
    {
      name: 'guidelines',
      who: 'member',
      path: (s) => `/c/${s.c.id}/guidelines`,
      ready: (p) => p.locator('[data-rule="imminent-harm-self"]').waitFor(),
    },
    {
      name: 'guidelines-top3',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/guidelines`,
      ready: (p) => p.getByRole('radio', { name: /^Careful:/ }).waitFor(),
    },
    {
      name: 'guidelines-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/guidelines`,
      ready: (p) => p.locator('[data-rule="imminent-harm-self"]').waitFor(),
    },
    {
      name: 'review',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/review`,
      ready: (p) => p.locator('article.review').first().waitFor(),
    },
    {
      name: 'check-ins',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/check-ins`,
      ready: (p) => p.getByRole('heading', { name: 'Check in', level: 1 }).waitFor(),
    },
    {
      name: 'log',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/log`,
      ready: (p) => p.locator('[data-log-action]').first().waitFor(),
    },
    {
      name: 'log-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/log`,
      ready: (p) => p.getByRole('heading', { name: 'Moderation log' }).waitFor(),
    },
    {
      name: 'team',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/team`,
      ready: (p) => p.getByRole('link', { name: 'Community meetings' }).waitFor(),
    },
    {
      name: 'meetings',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/meetings`,
      ready: (p) => p.locator('.threads li').first().waitFor(),
    },
    {
      name: 'meeting',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/meetings/${s.meetingId}`,
      ready: (p) => p.getByRole('button', { name: 'Save the outcome' }).first().waitFor(),
    },
    {
      name: 'significant-events',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/significant-events`,
      ready: (p) => p.locator('[data-report-id]').first().waitFor(),
    },
    {
      name: 'access',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/access`,
      ready: (p) => p.getByRole('button', { name: 'Agree' }).first().waitFor(),
    },
    {
      name: 'who-sees',
      who: 'member',
      path: (s) => `/c/${s.c.id}/who-sees`,
      ready: (p) => p.getByRole('rowheader', { name: 'Who voted for whom in an election' }).waitFor(),
    },
    {
      name: 'info-edit-top3',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/boards/${s.c.boards.info}`,
      ready: (p) => p.getByRole('heading', { name: 'Add a page' }).waitFor(),
    },
    {
      name: 'team-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/team`,
      ready: (p) => p.getByRole('link', { name: 'People' }).waitFor(),
    },
    {
      name: 'meeting-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/meetings/${s.meetingId}`,
      ready: (p) => p.locator('[data-outcome]').first().waitFor(),
    },
    {
      name: 'significant-events-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/significant-events`,
      ready: (p) =>
        p
          .getByRole('button', { name: /Acknowledge the report/ })
          .first()
          .waitFor(),
    },
    {
      name: 'access-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/access`,
      ready: (p) => p.getByRole('option').first().waitFor({ state: 'attached' }),
    },
    {
      name: 'sessions',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/sessions`,
      ready: (p) => p.locator('[data-session-id]').first().waitFor(),
    },
    {
      name: 'session',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/sessions/${s.sessionId}`,
      ready: (p) => p.getByRole('button', { name: 'Save attendance' }).waitFor(),
    },
    {
      name: 'people',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/people`,
      ready: (p) => p.locator('[data-member]').first().waitFor(),
    },
    {
      name: 'info-edit-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/boards/${s.c.boards.info}`,
      ready: (p) =>
        p
          .getByRole('button', { name: /^Change “/ })
          .first()
          .waitFor(),
    },
    {
      name: 'chat',
      who: 'member',
      path: (s) => `/c/${s.c.id}/chat`,
      ready: (p) => p.getByLabel('Who would you like to talk with?').waitFor(),
    },
    {
      name: 'chat-room',
      who: 'member',
      path: (s) => `/c/${s.c.id}/chat/${s.chatRoom}`,
      ready: (p) => p.getByRole('log').getByText('Good morning, everyone').waitFor({ timeout: 30_000 }),
    },
    {
      name: 'chat-direct',
      who: 'member',
      path: (s) => `/c/${s.c.id}/chat/${s.direct}`,
      ready: (p) => p.locator('[data-direct-state]').waitFor(),
    },
    {
      name: 'elections',
      who: 'member',
      path: (s) => `/c/${s.c.id}/elections`,
      ready: async (p) => {
        await p.locator('[data-result]').waitFor();
        await p.getByRole('button', { name: "Yes, I'll stand" }).waitFor();
      },
    },
    {
      name: 'your-place',
      who: 'member',
      path: (s) => `/c/${s.c.id}/me`,
      ready: (p) => p.locator('[data-device]').first().waitFor(),
    },
    {
      name: 'your-data',
      who: 'member',
      path: (s) => `/c/${s.c.id}/data`,
      ready: async (p) => {
        await p.getByRole('link', { name: 'Download as a file (JSON)' }).waitFor();
        await p.locator('[data-kept]').first().waitFor();
        await p.getByRole('button', { name: 'Erase my account' }).waitFor();
      },
    },
    {
      name: 'keeping-top3',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/data`,
      ready: (p) => p.getByRole('group', { name: 'When a member erases their account' }).waitFor(),
    },
    {
      name: 'hard-days',
      who: 'member',
      path: (s) => `/c/${s.c.id}/hard-days`,
      ready: (p) => p.getByRole('button', { name: 'Start my break' }).waitFor(),
    },
    {
      name: 'chat-top3',
      who: 'top3',
      path: (s) => `/c/${s.c.id}/chat`,
      ready: (p) => p.locator('[data-request]').first().waitFor(),
    },
    {
      name: 'elections-staff',
      who: 'staff',
      path: (s) => `/c/${s.c.id}/elections`,
      ready: (p) => p.locator('[data-election]').first().waitFor(),
    },
    {
      name: 'paused',
      who: 'suspended',
      path: (s) => `/c/${s.c.id}`,
      ready: async (p) => {
        await p.locator('[data-membership-status="suspended"]').waitFor();
        await p.locator('[data-device]').first().waitFor();
      },
    },
  ];

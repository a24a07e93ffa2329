import { api } from '../api';
import { ActionButton, Loading, PageTitle, Problem, day, useLoad, when } from '../components/ui';
import { me, membership } from '../session';
import type { DeviceSessionView, Membership } from '../types';

/** "Your place": where the member stands in the community, and the devices they are signed in on. */
export function StatusPage() {
  const m = membership.value;
  if (!m) return <Loading what="your place" />;
  if (m.status === 'suspended') return <PausedPage m={m} />;
  return (
    <>
      <PageTitle>Your place in {m.communityName}</PageTitle>
      <section class="card" aria-labelledby="standing-title" data-membership-status={m.status}>
        <h2 id="standing-title" class="small">
          How things stand
        </h2>
        <p>{standing(m)}</p>
      </section>
      <Devices />
    </>
  );
}

function standing(m: Membership): string {
  if (m.role === 'staff') return `You are one of the staff of ${m.communityName}.`;
  if (m.isTop3) return `You are a member of ${m.communityName} and one of its Top 3. Thank you for looking after it.`;
  return `You are a member of ${m.communityName}, and the board is open to you.`;
}

/**
 * What a member whose access is paused sees instead of the board: when it ends, that they still
 * belong, and how to reach the outreach team. Shown by the community area itself, because the
 * server refuses the board to them.
 */
export function PausedPage({ m }: { m: Membership }) {
  const others = me.value?.memberships.filter((x) => x.communityId !== m.communityId && x.status === 'active') ?? [];
  return (
    <>
      <PageTitle>Your place in {m.communityName}</PageTitle>
      <section class="card calm" aria-labelledby="paused-title" data-membership-status="suspended">
        <h2 id="paused-title" class="small">
          Your access is paused for now
        </h2>
        <p>
          {m.suspendedUntil ? (
            <>
              Your access to the board is paused until <strong data-suspended-until>{day(m.suspendedUntil)}</strong>.
            </>
          ) : (
            <>Your access to the board is paused for now.</>
          )}{' '}
          You are still part of {m.communityName}. This is a pause, not an ending: when the date comes, the board opens
          to you again by itself, and there is nothing you need to do.
        </p>
        <h2 class="small">Someone to talk to in the meantime</h2>
        {m.outreachContact ? (
          <>
            <p>The outreach team is there for you while you're away. You can reach them here:</p>
            <p class="outreach" data-outreach>
              {m.outreachContact}
            </p>
          </>
        ) : (
          <p>The staff of your community can put you in touch with the outreach team whenever you like.</p>
        )}
        <p>
          If you need someone right now, <a href="/help">people you can contact at any time</a> are listed on the help
          page.
        </p>
      </section>
      {others.length > 0 && (
        <section aria-labelledby="others-title">
          <h2 id="others-title">Your other communities</h2>
          <ul class="cards">
            {others.map((o) => (
              <li key={o.communityId} class="card">
                <a href={`/c/${o.communityId}`}>{o.communityName}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Devices />
      <p>
        <a href="/data">Your data</a>: a copy of everything the board holds about you, whenever you like.
      </p>
    </>
  );
}

/** The devices you are signed in on, and a way to sign one out (a lost phone, a shared computer). */
function Devices() {
  const sessions = useLoad(() => api.get<{ items: DeviceSessionView[] }>('/auth/sessions'), []);
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">Where you're signed in</h2>
      {sessions.error && <Problem>{sessions.error}</Problem>}
      {!sessions.data && !sessions.error && <Loading what="your devices" />}
      <ul class="cards">
        {sessions.data?.items.map((s) => (
          <li key={s.id} class="card" data-device={s.current ? 'this' : 'other'}>
            <p>
              <strong>{deviceName(s.userAgent)}</strong>
              {s.current && <span class="tag">this device</span>}
            </p>
            <p class="quiet">
              Signed in {when(s.createdAt)}; last used {when(s.lastSeenAt)}.
            </p>
            {!s.current && (
              <ActionButton
                kind="plain"
                label={`Sign out ${deviceName(s.userAgent)}, signed in ${when(s.createdAt)}`}
                onClick={async () => {
                  await api.del(`/auth/sessions/${s.id}`);
                  sessions.reload();
                }}
              >
                Sign out there
              </ActionButton>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A plain name for a device from its browser's description. */
export function deviceName(agent: string | null): string {
  if (!agent) return 'A device';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'A browser';
  const system = /iPhone|iPad/.test(agent)
    ? 'an iPhone or iPad'
    : /Android/.test(agent)
      ? 'Android'
      : /Windows/.test(agent)
        ? 'Windows'
        : /Mac OS X/.test(agent)
          ? 'a Mac'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  return system ? `${browser} on ${system}` : browser;
}

import { notificationPath } from '@p2p/contract';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useSubmit, SaveChanges } from '../components/form';
import { ActionButton, Loading, PageTitle, Problem, useLoad, when } from '../components/ui';
import { unreadNotifications } from '../notifications';
import { currentSubscription, pushSupported, turnOffAlerts, turnOnAlerts } from '../push';
import { on } from '../realtime';
import type { MyNotificationSettingsView, NotificationsPageView, UnreadCountView } from '../types';

type Settings = MyNotificationSettingsView;

/**
 * What is new for me, newest first, and how I want to be told. A notification says where to
 * look, never what anyone wrote: opening it shows the post where it lives.
 */
export function NotificationsPage() {
  const list = useLoad(() => api.get<NotificationsPageView>('/me/notifications?limit=50'), []);
  useEffect(() => on('notification.created', () => list.reload()), []);
  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const { unread } = await api.post<UnreadCountView>('/me/notifications/read', body);
    unreadNotifications.value = unread;
    list.reload();
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <PageTitle>Notifications</PageTitle>
      <p class="quiet">
        What is new for you on the board. They say where to look, never what anyone wrote: open one to read it.
      </p>
      {list.error && <Problem>{list.error}</Problem>}
      {!list.data && !list.error && <Loading what="your notifications" />}
      {list.data && items.length === 0 && <p>Nothing new for you just now.</p>}
      {(list.data?.unread ?? 0) > 0 && (
        <div class="row">
          <ActionButton onClick={() => markRead({ all: true })}>Mark all as read</ActionButton>
        </div>
      )}
      <ul class="notifications">
        {items.map((n) => (
          <li key={n.id} class={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
            <a
              href={notificationPath(n.communityId, n.link)}
              onClick={() => {
                if (!n.readAt) void markRead({ ids: [n.id] });
              }}
            >
              {n.urgent && <strong>Urgent: </strong>}
              {n.text}
            </a>
            <span class="quiet">
              {' '}
              {n.communityName}, {when(n.createdAt)}
              {!n.readAt && ' · new'}
            </span>
          </li>
        ))}
      </ul>
      <NotificationSettingsForm />
      <DeviceAlerts />
    </>
  );
}

/** Alerts on this phone or computer (Web Push), even when the board is closed. */
function DeviceAlerts() {
  const [on, setOn] = useState<boolean | null>(null);
  const submit = useSubmit();
  useEffect(() => {
    void currentSubscription().then((s) => setOn(s !== null));
  }, []);
  if (!pushSupported()) {
    return (
      <section aria-labelledby="device-alerts">
        <h2 id="device-alerts">Alerts on this device</h2>
        <p>This browser can't show alerts from the board. Notifications still come here and by email if you chose.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="device-alerts">
      <h2 id="device-alerts">Alerts on this device</h2>
      <p class="quiet">
        An alert on this phone or computer when something needs you, even with the board closed. Like an email, it only
        says there is something to look at.
      </p>
      {on === null ? null : on ? <p>Alerts are on for this device.</p> : <p>Alerts are off for this device.</p>}
      {submit.error && <Problem>{submit.error}</Problem>}
      <div class="row">
        <button
          type="button"
          class={on ? 'plain' : 'primary'}
          disabled={submit.busy || on === null}
          onClick={() =>
            void submit.run(async () => {
              if (on) await turnOffAlerts();
              else await turnOnAlerts();
              setOn(!on);
            })
          }
        >
          {on ? 'Turn off alerts on this device' : 'Turn on alerts on this device'}
        </button>
      </div>
    </section>
  );
}

function NotificationSettingsForm() {
  const loaded = useLoad(() => api.get<Settings>('/me/notification-settings'), []);
  if (loaded.error) return <Problem>{loaded.error}</Problem>;
  if (!loaded.data) return <Loading what="your settings" />;
  return <SettingsForm saved={loaded.data} onSaved={(s) => loaded.set(() => s)} />;
}

function SettingsForm({ saved, onSaved }: { saved: Settings; onSaved: (s: Settings) => void }) {
  const [email, setEmail] = useState(saved.email ?? '');
  const [emailOn, setEmailOn] = useState(saved.emailOn);
  const [quiet, setQuiet] = useState(saved.quietFrom !== null);
  const [from, setFrom] = useState(saved.quietFrom ?? '22:00');
  const [until, setUntil] = useState(saved.quietUntil ?? '07:00');
  const [zone, setZone] = useState(saved.timeZone);
  const submit = useSubmit();
  const next = {
    email: email.trim() || null,
    emailOn,
    quietFrom: quiet ? from : null,
    quietUntil: quiet ? until : null,
    timeZone: zone.trim(),
  };
  const changes = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== saved[k]).length;
  return (
    <section aria-labelledby="how-told">
      <h2 id="how-told">How you are told</h2>
      <p class="quiet">
        Notifications always arrive here. An email, if you want one, only says that there is something to look at; it
        never carries what anyone wrote or who wrote it.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => onSaved(await api.put<Settings>('/me/notification-settings', next)), 'Saved.');
        }}
      >
        {saved.emailAvailable ? (
          <>
            <label for="notify-email">Email address</label>
            <input
              id="notify-email"
              type="email"
              autocomplete="email"
              maxLength={254}
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <label class="choice">
              <input type="checkbox" checked={emailOn} onChange={(e) => setEmailOn(e.currentTarget.checked)} />
              Email me when there is something new
            </label>
          </>
        ) : (
          <p>This board has no email set up yet, so notifications come here only.</p>
        )}
        <label class="choice">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          Quiet hours: hold emails until they end
        </label>
        {quiet && (
          <div class="row">
            <label for="quiet-from">From</label>
            <input id="quiet-from" type="time" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            <label for="quiet-until">until</label>
            <input id="quiet-until" type="time" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
          </div>
        )}
        <label for="notify-zone">Your time zone</label>
        <input
          id="notify-zone"
          maxLength={64}
          value={zone}
          onInput={(e) => setZone(e.currentTarget.value)}
          aria-describedby="notify-zone-hint"
        />
        <p id="notify-zone-hint" class="quiet">
          For example Europe/London.
        </p>
        <SaveChanges submit={submit} changes={changes}>
          Save
        </SaveChanges>
      </form>
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { allLinks, tabLinks } from '../nav';
import { connection } from '../realtime';
import { community, me } from '../session';
import { NavList } from './nav-list';

/** Every page: the way home, the way to help, and whether new posts are arriving. */
export function Frame({ children }: { children: ComponentChildren }) {
  const c = community.value;
  const base = c ? `/c/${c.id}` : '';
  const signedIn = Boolean(me.value);
  const links = allLinks();
  const tabs = tabLinks();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="bar">
          <a class="brand" href={base || '/'}>
            {c ? c.name : 'P2P Board'}
          </a>
          <a class="help" href={c ? `${base}/help` : '/help'}>
            Need help now?
          </a>
        </div>
        {signedIn && <NavList label="Main" class="wide" links={links} signOut />}
        {signedIn && <ConnectionNote />}
      </header>
      <main id="main" tabIndex={-1} class={tabs.length > 0 ? 'with-tabs' : undefined}>
        {children}
      </main>
      {/* On a phone: the pages opened most, always at the thumb; everything else under "You". */}
      {signedIn && tabs.length > 0 && <NavList label="Tabs" class="tabs" links={tabs} />}
    </>
  );
}

function ConnectionNote() {
  const state = connection.value;
  // Paused access has its own page; a connection note would only confuse.
  if (state === 'paused') return null;
  return (
    <p class={`connection ${state}`} role="status" aria-live="polite" data-connection={state}>
      {state === 'live' && 'New posts appear as they arrive.'}
      {state === 'connecting' && 'Connecting…'}
      {state === 'offline' &&
        "You're offline just now. We'll catch up with anything you missed as soon as you're back."}
    </p>
  );
}

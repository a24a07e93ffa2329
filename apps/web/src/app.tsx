import { useEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation, useRoute } from 'preact-iso';
import { lazyPage } from './lazy-page';
import { community, farewell, me, openCommunity } from './session';
import { Loading, Problem, useLoad } from './components/ui';
import { LoginPage } from './pages/login';
import { HelpPage, PublicHelpPage } from './pages/help';
import { HomePage } from './pages/home';
import { BoardPage } from './pages/board';
import { ThreadPage } from './pages/thread';
import { extraRoutes } from './pages/more';
import { Frame } from './components/frame';
import { PausedPage } from './pages/status';
import { OnABreakPage } from './pages/on-a-break';
import { hardDays, loadHardDays, welcomeBack } from './hard-days';

// The Top 3's pages come in files of their own when first opened.
const CheckInsPage = lazyPage(() => import('./pages/check-ins').then((m) => m.CheckInsPage));
const ReviewPage = lazyPage(() => import('./pages/review').then((m) => m.ReviewPage));
const LogPage = lazyPage(() => import('./pages/log').then((m) => m.LogPage));
const MyDataPage = lazyPage(() => import('./pages/my-data').then((m) => m.MyDataPage));
// Opened only from "Your data", whose file has it already: the goodbye needs nothing from the network.
const GoodbyePage = lazyPage(() => import('./pages/leaving').then((m) => m.GoodbyePage));

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}

function Shell() {
  const user = me.value;
  if (user === undefined) {
    return (
      <Frame>
        <Loading what="the board" />
      </Frame>
    );
  }
  // A new router when someone signs in or out: it keeps its page while the address stays the same,
  // and signing out (or an erasure) must leave the community's pages, wherever it happens.
  return (
    <Router key={user ? 'signed-in' : 'signed-out'}>
      <Route path="/help" component={PublicHelpPage} />
      <Route path="/login" component={LoginPage} />
      <Route path="/goodbye" component={GoodbyePage} />
      <Route path="/data" component={user ? DataOutsideACommunity : ToLogin} />
      <Route path="/c/:cid/*" component={user ? CommunityArea : ToLogin} />
      <Route path="/c/:cid" component={user ? CommunityArea : ToLogin} />
      <Route default component={user ? FirstCommunity : ToLogin} />
    </Router>
  );
}

/** Signed out: to the sign-in page (back where they were, after), or to the goodbye after an erasure. */
function ToLogin() {
  const { route, url } = useLocation();
  useEffect(() => {
    if (farewell.value) route('/goodbye', true);
    else route(url.startsWith('/c/') ? `/login?next=${encodeURIComponent(url)}` : '/login', true);
  }, [url]);
  return null;
}

/** Straight into the community: most people belong to one. */
function FirstCommunity() {
  const { route } = useLocation();
  const first = me.value?.memberships[0];
  useEffect(() => {
    if (first) route(`/c/${first.communityId}`, true);
  }, [first?.communityId]);
  if (first) return null;
  return (
    <Frame>
      <h1>Welcome, {me.value?.displayName}</h1>
      <p>You are not part of a community on this board yet. The staff of your community can add you.</p>
      <p>
        <a href="/data">Your data</a>: a copy of everything the board holds about you.
      </p>
    </Frame>
  );
}

/** "Your data" for someone with no community open: paused everywhere, or running the board. */
function DataOutsideACommunity() {
  return (
    <Frame>
      <MyDataPage />
    </Frame>
  );
}

function CommunityArea() {
  const { params } = useRoute();
  const cid = params.cid;
  // A paused membership is refused the board by the server: show where they stand instead.
  const paused = me.value?.memberships.find((m) => m.communityId === cid && m.status === 'suspended');
  // A member's hard-days settings come with their community; if they cannot be read, the board still opens.
  const loaded = useLoad(
    () =>
      paused
        ? Promise.resolve()
        : Promise.all([openCommunity(cid), hardDays.value ? undefined : loadHardDays().catch(() => undefined)]).then(
            () => undefined,
          ),
    [cid, paused?.status],
  );
  useEffect(() => {
    if (paused && community.value?.id === cid) community.value = null;
  }, [paused, cid]);
  if (paused) {
    return (
      <Frame>
        <PausedPage m={paused} />
      </Frame>
    );
  }
  if (loaded.error) {
    return (
      <Frame>
        <h1>We couldn't open that</h1>
        <Problem>{loaded.error}</Problem>
        <p>
          <a href="/">Back to the start</a>
        </p>
      </Frame>
    );
  }
  if (community.value?.id !== cid) return <Loading what="your community" />;
  if (hardDays.value?.onBreak) {
    return (
      <Frame>
        <Router>
          <Route path="/help" component={HelpPage} />
          <Route default component={OnABreakPage} />
        </Router>
      </Frame>
    );
  }
  return (
    <Frame>
      {welcomeBack.value && <WelcomeBack />}
      <Router>
        <Route path="/" component={HomePage} />
        <Route path="/help" component={HelpPage} />
        <Route path="/boards/:bid" component={BoardPage} />
        <Route path="/threads/:tid" component={ThreadPage} />
        <Route path="/review" component={ReviewPage} />
        <Route path="/check-ins" component={CheckInsPage} />
        <Route path="/log" component={LogPage} />
        {extraRoutes()}
        <Route default component={NotFound} />
      </Router>
    </Frame>
  );
}

/** The first page after a break: a plain welcome, said once. */
function WelcomeBack() {
  return (
    <section class="note gentle" role="status" data-welcome-back>
      <p>Welcome back. Your break has ended, and anything that came for you is in your notifications.</p>
      <button type="button" class="plain" onClick={() => (welcomeBack.value = false)}>
        Thanks
      </button>
    </section>
  );
}

function NotFound() {
  return (
    <>
      <h1>Nothing here</h1>
      <p>
        This page doesn't exist, or it isn't one you can open. <a href="/">Back to the start</a>
      </p>
    </>
  );
}

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Frame } from '../components/frame';
import { PageTitle, Problem, messageOf } from '../components/ui';
import { signIn, signedOutMessage } from '../session';

export function LoginPage() {
  const { route, query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    signIn(username.trim(), password).then(
      () => {
        const next = query.next && query.next.startsWith('/c/') ? query.next : '/';
        route(next, true);
      },
      (err: unknown) => {
        setBusy(false);
        setError(messageOf(err));
      },
    );
  };
  return (
    <Frame>
      <PageTitle>Sign in</PageTitle>
      {signedOutMessage.value && <p role="status">{signedOutMessage.value}</p>}
      <form class="stack narrow" onSubmit={submit}>
        <label for="username">Username</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <Problem>{error}</Problem>}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </Frame>
  );
}

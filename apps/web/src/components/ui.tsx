import { signal } from '@preact/signals';
import { ago } from '../time';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';

/** Loads something for a page, with its loading and error states, and a way to load it again. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): {
  data: T | undefined;
  error: string | null;
  reload: () => void;
  set: (update: (old: T | undefined) => T | undefined) => void;
} {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload, set: (u) => setData((old) => u(old)) };
}

export function messageOf(e: unknown): string {
  if (e instanceof ApiError || e instanceof Error) return e.message;
  return 'Something went wrong. Please try again.';
}

/** A page's heading: focused when the page opens, so screen readers announce where they are. */
export function PageTitle({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="quiet" role="status">
      Loading {what}…
    </p>
  );
}

export function Problem({ children }: { children: ComponentChildren }) {
  return (
    <p class="problem" role="alert">
      {children}
    </p>
  );
}

export function Done({ children }: { children: ComponentChildren }) {
  return (
    <p class="done" role="status">
      {children}
    </p>
  );
}

/** A button that runs an action once at a time and shows what went wrong, if anything. */
export function ActionButton(props: {
  onClick: () => Promise<unknown>;
  children: ComponentChildren;
  kind?: 'primary' | 'plain' | 'careful';
  label?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span class="action">
      <button
        type="button"
        class={props.kind ?? 'plain'}
        aria-label={props.label}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          props.onClick().then(
            () => setBusy(false),
            (e: unknown) => {
              setBusy(false);
              setError(messageOf(e));
            },
          );
        }}
      >
        {props.children}
      </button>
      {error && <Problem>{error}</Problem>}
    </span>
  );
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'long' });
}

/** A minute's tick, so that every "5 minutes ago" on the page moves on by itself. */
const minute = signal(Date.now());
if (typeof window !== 'undefined') setInterval(() => (minute.value = Date.now()), 60_000);

/** When something happened, in words ("3 hours ago"), with the exact time as its title. */
export function Ago({ iso, class: className }: { iso: string; class?: string }) {
  return (
    <time class={className} dateTime={iso} title={when(iso)}>
      {ago(iso, minute.value)}
    </time>
  );
}

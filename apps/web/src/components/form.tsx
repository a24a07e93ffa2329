import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Done, Problem, messageOf } from './ui';

/** One form's submit: busy while it runs, then a sentence saying it worked or what went wrong. */
export function useSubmit(): {
  busy: boolean;
  error: string | null;
  done: string | null;
  run: (action: () => Promise<unknown>, doneMessage?: string) => Promise<boolean>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, doneMessage?: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      setDone(doneMessage ?? null);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    done,
    run,
    clear: () => {
      setError(null);
      setDone(null);
    },
  };
}

/**
 * The foot of a form that saves several changes at once: what went wrong or that it worked, the
 * save button (only while there is something to save) and how many changes are waiting.
 */
export function SaveChanges(props: {
  submit: ReturnType<typeof useSubmit>;
  changes: number;
  children: ComponentChildren;
}) {
  const { submit, changes } = props;
  return (
    <>
      {submit.error && <Problem>{submit.error}</Problem>}
      {submit.done && changes === 0 && <Done>{submit.done}</Done>}
      <div class="row">
        <button type="submit" class="primary" disabled={submit.busy || changes === 0}>
          {props.children}
        </button>
        {changes > 0 && (
          <span class="quiet">
            {changes} {changes === 1 ? 'change' : 'changes'} to save
          </span>
        )}
      </div>
    </>
  );
}

/** Every page of a list, for the few screens that need the whole of it (the members of a community). */
export async function allPages<T>(
  get: (path: string) => Promise<{ items: T[]; nextCursor: string | null }>,
  path: string,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await get(
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 5000);
  return out;
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, newKey } from '../api';
import { AckError } from '../realtime';
import { community } from '../session';
import type { CrisisContactView, GuidelinesCheckView, PostView, ThreadView } from '../types';
import { CrisisContacts } from './crisis-contacts';
import { TopThreeCover } from './cover';
import { draftKey, keptAt, useDraft, useServerDraft } from './drafts';
import { Problem, messageOf } from './ui';

/** What the server answers to a new thread or reply: the waiting post, and a kind note if it is held. */
export interface Sent {
  post: PostView;
  thread?: ThreadView;
  message?: string;
  crisisContacts?: CrisisContactView[];
}

const CHECK_AFTER_MS = 700;

/** Reads the words as they are typed, quietly, and says what the community guidelines would do. */
function useGuidelinesCheck(text: string): GuidelinesCheckView | null {
  const [result, setResult] = useState<GuidelinesCheckView | null>(null);
  const cid = community.value?.id;
  useEffect(() => {
    if (!cid || text.trim().length < 3) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.post<GuidelinesCheckView>(`/communities/${cid}/guidelines/check`, { text }).then(
        (r) => live && setResult(r),
        () => undefined,
      );
    }, CHECK_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, cid]);
  return result;
}

export function GuidelinesNote({ result }: { result: GuidelinesCheckView | null }) {
  if (!result || result.outcome === 'publish') return null;
  const contacts = community.value?.crisisContacts ?? [];
  if (result.outcome === 'warn') {
    const f = result.findings.find((x) => x.action === 'warn');
    return (
      <div class="note gentle" data-guidelines="warn">
        <p>
          A thought before you send this: the community guidelines ask us to keep talk here on the board, among everyone
          {f ? <> (we noticed “{f.matched}”)</> : null}.
        </p>
      </div>
    );
  }
  if (result.outcome === 'check-in') {
    // Shared like any other post (the Top 3 see it in their quiet check-in list): nothing waits.
    return (
      <div class="note gentle" data-guidelines="check-in">
        <p>
          It sounds like things may be hard right now. This will be shared as usual, so people here can answer you. If
          you need someone now, you don't have to wait:
        </p>
        <CrisisContacts contacts={contacts} />
      </div>
    );
  }
  return (
    <div class="note gentle" data-guidelines="hold">
      <p>
        It sounds like things may be very hard right now. You can still send this: a Top 3 member will read it first,
        before anyone else sees it. If you need someone now, you don't have to wait:
      </p>
      <CrisisContacts contacts={contacts} />
    </div>
  );
}

/** The guidelines' warning in a refused send (HTTP or socket ack), or null for any other error. */
function guidelinesWarning(e: unknown): string | null {
  if (e instanceof ApiError && e.status === 422 && e.body.guidelines) return e.message;
  if (e instanceof AckError && e.statusCode === 422) return e.message;
  return null;
}

/**
 * Sending words the guidelines may question, for the composer and the chat room: busy and error
 * state, one idempotency key per message, and after a guidelines warning the second chance to
 * send it as it is (deliver is called again with acknowledged = true and the same key).
 */
export function useGuidedSend<T>(
  deliver: (acknowledged: boolean, key: string, forTop3: boolean) => Promise<T>,
  onSent: (sent: T) => void,
): {
  /** Sends; forTop3 sends it to the Top 3 first instead of to the board. */
  send: (acknowledged: boolean, forTop3?: boolean) => void;
  busy: boolean;
  error: string | null;
  warning: string | null;
  /** The posting limit's words, when that is what stopped the send. */
  stopped: string | null;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);
  const key = useRef(newKey());

  const send = (acknowledged: boolean, forTop3 = false) => {
    setBusy(true);
    setError(null);
    setStopped(null);
    deliver(acknowledged, key.current, forTop3).then(
      (sent) => {
        setBusy(false);
        setWarning(null);
        key.current = newKey();
        onSent(sent);
      },
      (e: unknown) => {
        setBusy(false);
        const w = guidelinesWarning(e);
        if (w) setWarning(w);
        else if (e instanceof ApiError && e.status === 429) setStopped(e.message);
        else setError(messageOf(e));
      },
    );
  };
  return { send, busy, error, warning, stopped };
}

/** The guidelines' warning, without its "if you still want" tail, and the button that sends anyway. */
export function SendAsItIs(props: { warning: string; busy: boolean; onSend: () => void }) {
  return (
    <div class="note gentle" role="alert">
      <p>{props.warning.replace(/ If you still want.*$/, '')}</p>
      <button type="button" class="plain" disabled={props.busy} onClick={props.onSend}>
        Send it as it is
      </button>
    </div>
  );
}

/**
 * A refusal that stops a member for a while: what happens next, their words kept, a way to send
 * them to the Top 3 now instead, and help one tap away.
 */
function Stopped(props: { message: string; busy: boolean; onSendToTop3?: () => void }) {
  return (
    <div class="note gentle" role="alert" data-stopped>
      <p>{props.message.replace(/ If things feel urgent.*$/, '')}</p>
      <p>What you wrote stays here, even if you leave this page and come back.</p>
      {props.onSendToTop3 && (
        <>
          <p>
            Or send it to the Top 3 now: they will read it before anyone else does, and can share it on the board or
            write to you.
          </p>
          <button type="button" class="plain" disabled={props.busy} onClick={props.onSendToTop3}>
            Send it to the Top 3
          </button>
        </>
      )}
      <p>If things feel urgent, you don't have to wait:</p>
      <CrisisContacts contacts={community.value?.crisisContacts ?? []} />
    </div>
  );
}

/** Compose a new thread (with a title) or a reply; the guidelines check runs as you type. */
export function Composer(props: {
  label: string;
  withTitle?: boolean;
  /** Where the words will go, for the draft kept on the server: `board:<id>` or `thread:<id>`. */
  place?: string;
  submit: (
    input: { title?: string; body: string; guidelinesAcknowledged?: boolean; forTop3?: boolean },
    key: string,
  ) => Promise<Sent>;
  onSent: (sent: Sent) => void;
}) {
  const id = props.withTitle ? 'new-thread' : 'reply';
  const [title, setTitle] = useDraft(draftKey(id, ':title'));
  const [body, setBody] = useDraft(draftKey(id));
  const server = useServerDraft(props.place, props.withTitle ? { title, body } : { body }, {
    keptAt: () => keptAt(draftKey(id, ':title'), draftKey(id)),
    load: (d) => {
      if (props.withTitle) setTitle(d.title ?? '');
      setBody(d.body);
    },
  });
  const check = useGuidelinesCheck(body);
  const { send, busy, error, warning, stopped } = useGuidedSend(
    (acknowledged, key, forTop3) =>
      props.submit(
        {
          ...(props.withTitle ? { title: title.trim() } : {}),
          body,
          guidelinesAcknowledged: acknowledged || undefined,
          forTop3: forTop3 || undefined,
        },
        key,
      ),
    (sent) => {
      setTitle('');
      setBody('');
      server.sent();
      props.onSent(sent);
    },
  );

  return (
    <form
      class="composer stack"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        send(false);
      }}
    >
      {props.withTitle && (
        <>
          <label for={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            required
            maxLength={200}
            value={title}
            onInput={(e) => {
              setTitle(e.currentTarget.value);
              server.typed();
            }}
          />
        </>
      )}
      <label for={`${id}-body`}>{props.withTitle ? 'What would you like to say?' : 'Your reply'}</label>
      <textarea
        id={`${id}-body`}
        required
        rows={5}
        maxLength={20000}
        aria-describedby={`${id}-hint`}
        value={body}
        onInput={(e) => {
          setBody(e.currentTarget.value);
          server.typed();
        }}
      />
      <p id={`${id}-hint`} class="quiet">
        You'll have {delayWords(community.value?.postingDelaySeconds ?? 0)} to change it or take it back before anyone
        else sees it. You can use *emphasis*, lists and links.
      </p>
      <div aria-live="polite">
        <GuidelinesNote result={check} />
      </div>
      {warning && <SendAsItIs warning={warning} busy={busy} onSend={() => send(true)} />}
      {stopped ? (
        <Stopped message={stopped} busy={busy} onSendToTop3={() => send(false, true)} />
      ) : (
        error && <Problem>{error}</Problem>
      )}
      <TopThreeCover where="composer" />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Sending…' : props.withTitle ? 'Start the thread' : 'Send reply'}
      </button>
    </form>
  );
}

export function delayWords(seconds: number): string {
  if (seconds <= 0) return 'a moment';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

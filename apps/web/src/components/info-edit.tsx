import { useState } from 'preact/hooks';
import { api } from '../api';
import type { InfoPage } from '../types';
import { useSubmit } from './form';
import { Done, Problem } from './ui';

/** A page's address name from its title: "Local services" → "local-services". */
export function slugFrom(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/**
 * Staff and the Top 3 write the information board's pages: change one, remove one, or add one.
 * The text is the same light formatting as posts (*emphasis*, lists, links).
 */
export function InfoPageEditor(props: {
  boardId: string;
  page?: InfoPage;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const { page } = props;
  const [title, setTitle] = useState(page?.title ?? '');
  const [slug, setSlug] = useState(page?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(false);
  const [body, setBody] = useState(page?.body ?? '');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const save = useSubmit();
  const id = page ? `edit-${page.slug}` : 'new-page';
  const address = page ? page.slug : slugTouched ? slug : slugFrom(title);
  const validAddress = /^[a-z0-9][a-z0-9-]{1,39}$/.test(address);
  return (
    <form
      class="stack"
      aria-label={page ? `Change “${page.title}”` : 'Add a page'}
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run(
            () => api.put(`/boards/${props.boardId}/pages/${address}`, { title: title.trim(), body }),
            page ? 'Saved.' : 'Added.',
          )
          .then((ok) => {
            if (!ok) return;
            if (!page) {
              setTitle('');
              setSlug('');
              setSlugTouched(false);
              setBody('');
            }
            props.onSaved();
          });
      }}
    >
      <label for={`${id}-title`}>Title</label>
      <input id={`${id}-title`} value={title} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />
      {!page && (
        <>
          <label for={`${id}-slug`}>Address name (lowercase letters, digits and dashes)</label>
          <input
            id={`${id}-slug`}
            value={address}
            maxLength={40}
            onInput={(e) => {
              setSlugTouched(true);
              setSlug(e.currentTarget.value);
            }}
          />
        </>
      )}
      <label for={`${id}-body`}>Text</label>
      <textarea
        id={`${id}-body`}
        rows={8}
        maxLength={20000}
        value={body}
        onInput={(e) => setBody(e.currentTarget.value)}
      />
      <p class="quiet">You can use *emphasis*, lists starting with “- ”, and web addresses.</p>
      {save.error && <Problem>{save.error}</Problem>}
      {save.done && <Done>{save.done}</Done>}
      <div class="row">
        <button type="submit" class="primary" disabled={save.busy || !title.trim() || !body.trim() || !validAddress}>
          {page ? 'Save the page' : 'Add the page'}
        </button>
        {props.onCancel && (
          <button type="button" class="plain" onClick={props.onCancel}>
            Stop changing
          </button>
        )}
        {page && !confirmRemove && (
          <button type="button" class="careful" onClick={() => setConfirmRemove(true)}>
            Remove this page
          </button>
        )}
        {page && confirmRemove && (
          <>
            <span>Remove “{page.title}” for everyone?</span>
            <button
              type="button"
              class="careful"
              disabled={save.busy}
              onClick={() =>
                void save
                  .run(() => api.del(`/boards/${props.boardId}/pages/${page.slug}`))
                  .then((ok) => ok && props.onSaved())
              }
            >
              Yes, remove it
            </button>
            <button type="button" class="plain" onClick={() => setConfirmRemove(false)}>
              Keep it
            </button>
          </>
        )}
      </div>
    </form>
  );
}

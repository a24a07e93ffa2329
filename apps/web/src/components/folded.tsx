import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * Something folded because it mentions a word the member muted: one tap opens it. The word itself
 * is not repeated here, so the fold does not show what it hides.
 */
export function Folded({ what, children }: { what: string; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  if (open) return <>{children}</>;
  return (
    <div class="folded" data-folded>
      <p class="quiet">
        This {what} is folded away because it mentions a word you muted. You can open it whenever you feel ready.
      </p>
      <button type="button" class="plain" onClick={() => setOpen(true)}>
        Show this {what}
      </button>
    </div>
  );
}

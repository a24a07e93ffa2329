import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';

/**
 * A page in a file of its own, fetched the first time it is opened (the service worker then keeps
 * it on the device). If the file cannot be fetched (the connection dropped), the page says so and
 * offers to try again, instead of leaving the member where they were with nothing happening.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<P = any>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazy(() => load().catch(() => CouldNotOpen as ComponentType<P>));
}

function CouldNotOpen() {
  return (
    <>
      <h1>We couldn't open this page just now</h1>
      <p role="alert">
        The connection may have dropped. Nothing you wrote has been lost. "Need help now?" at the top still works.
      </p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </p>
    </>
  );
}

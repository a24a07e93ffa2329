import { useLocation } from 'preact-iso';
import type { NavLink } from '../nav';
import { signOut } from '../session';

/** A navigation landmark of links (the current page marked), with "Sign out" at the end if asked. */
export function NavList(props: {
  label: string;
  class?: string;
  listClass?: string;
  links: NavLink[];
  signOut?: boolean;
}) {
  const { path } = useLocation();
  return (
    <nav aria-label={props.label} class={props.class}>
      <ul class={props.listClass}>
        {props.links.map((l) => (
          <li key={l.href}>
            <a href={l.href} aria-current={path === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
        {props.signOut && (
          <li>
            <button type="button" class="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

import type { CrisisContactView } from './events';
import national from './national-crisis-contacts.json';

/**
 * The numbers anyone in the UK can call, whatever their community: on every page the board serves,
 * even before (or without) the app's script, on the no-script help page, and wherever a community
 * has not added its own contacts yet. Kept as JSON so the web client's build can read it too.
 */
export const NATIONAL_CRISIS_CONTACTS: readonly CrisisContactView[] = Object.freeze(national);

/** A contact someone can actually reach: it has a number or an address, not only a name. */
export const isReachable = (c: CrisisContactView): boolean => Boolean(c.phone?.trim() || c.url?.trim());

/**
 * The contacts to show: those someone can reach, never a line with only a name (such as a
 * placeholder a community has not filled in yet); the national ones when none is left.
 */
export function reachableContacts(contacts: readonly CrisisContactView[] | null | undefined): CrisisContactView[] {
  const reachable = (contacts ?? []).filter(isReachable);
  return reachable.length > 0 ? reachable : [...NATIONAL_CRISIS_CONTACTS];
}

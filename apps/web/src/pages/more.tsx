import type { VNode } from 'preact';

/** Pages beyond the boards, the review queue and the log; each role sees its own links. */
export interface Roles {
  member: boolean;
  top3: boolean;
  staff: boolean;
}

export function extraRoutes(): VNode[] {
  return [];
}

export function extraNav(_base: string, _roles: Roles): [string, string][] {
  return [];
}

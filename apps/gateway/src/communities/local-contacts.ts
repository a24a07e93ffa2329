import { NATIONAL_CRISIS_CONTACTS } from '@p2p/contract';
import type { DataSource, EntityManager } from 'typeorm';

const NATIONAL_NUMBERS = NATIONAL_CRISIS_CONTACTS.map((c) => (c.phone ?? '').replace(/\s+/g, ''));

/**
 * Communities whose crisis contacts are only the national lines: nobody has added a local crisis
 * team (or any other contact members can reach) yet. The operator is told, by `GET /api/health`
 * and `community:check`, so that members are not left with only a national number.
 */
export function communitiesWithoutLocalContact(
  db: DataSource | EntityManager,
): Promise<{ slug: string; name: string }[]> {
  return db.query(
    `SELECT c.slug, c.name FROM communities c
      WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(c.crisis_contacts) e
         WHERE (btrim(coalesce(e->>'phone', '')) <> '' OR btrim(coalesce(e->>'url', '')) <> '')
           AND regexp_replace(coalesce(e->>'phone', ''), '\\s', '', 'g') <> ALL($1::text[]))
      ORDER BY c.slug`,
    [NATIONAL_NUMBERS],
  );
}

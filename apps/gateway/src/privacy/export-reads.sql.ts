import { EntityManager } from 'typeorm';

/** The pieces every export read is made of: times, communities, and reads by the person's id. */

/** A time as the API writes it (ISO 8601, UTC, milliseconds). */
export const iso = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A community as { id, name }, from the alias `c`. */
export const COMMUNITY = `json_build_object('id', c.id, 'name', c.name)`;

export async function rows<T>(em: EntityManager, sql: string, userId: string): Promise<T[]> {
  return em.query<T[]>(sql, [userId]);
}

/**
 * Runs the reads one after another (they share the export's one connection, and a PostgreSQL
 * client takes one query at a time), and answers with each one's rows under its name.
 */
export async function readAll<T extends Record<string, () => Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: Record<string, unknown> = {};
  for (const [name, read] of Object.entries(reads)) out[name] = await read();
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

export async function count(em: EntityManager, sql: string, userId: string): Promise<number> {
  const [{ n }] = await em.query<{ n: number }[]>(sql, [userId]);
  return n;
}

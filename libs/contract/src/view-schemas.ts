// A name of its own: beside view-schemas.ts, a .json of the same name would be loaded instead of
// this file by runtimes that try .json before .ts (node with a TypeScript loader).
import schemas from './generated/view-schemas.json';

/**
 * The views' JSON Schemas (OpenAPI 3.0 dialect), made from the types in this folder by
 * `npm run contract:schemas`. For the gateway's OpenAPI document only: not exported from the
 * package's index, so the web client never bundles them.
 */
export const VIEW_SCHEMAS: Record<string, object> = schemas;
export type ViewName = keyof typeof schemas;

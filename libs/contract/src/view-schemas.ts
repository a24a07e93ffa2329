import schemas from './view-schemas.json';

/**
 * The views' JSON Schemas (OpenAPI 3.0 dialect), made from the types in this folder by
 * `npm run contract:schemas`. For the gateway's OpenAPI document only: not exported from the
 * package's index, so the web client never bundles them.
 */
export const VIEW_SCHEMAS: Record<string, object> = schemas;
export type ViewName = keyof typeof schemas;

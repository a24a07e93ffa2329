import { readFileSync } from 'node:fs';
import { SCHEMAS_FILE, contractSchemas } from '../../scripts/contract-schemas';

/** The OpenAPI document's view schemas are made from the contract's types; they must not fall behind. */
describe("the views' JSON Schemas", () => {
  it('match the types in libs/contract (else run npm run contract:schemas)', () => {
    expect(contractSchemas()).toEqual(JSON.parse(readFileSync(SCHEMAS_FILE, 'utf8')));
  });
});

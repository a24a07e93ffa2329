import { Client } from 'pg';
import { ERASURE_PLAN } from '../../apps/gateway/src/privacy/erasure-plan';
import { EXPORT_COVERS } from '../../apps/gateway/src/privacy/export-covers';

/**
 * Subject access must be complete: every column that names a person (a foreign key to users) is
 * shown in the export, or says why not. A new table or column that names someone fails here until
 * the export covers it.
 */
describe('the subject-access export covers the schema', () => {
  it('names a section for every column that points at a person', async () => {
    const db = new Client({ connectionString: process.env.P2P_TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ col: string }>(
        `SELECT c.conrelid::regclass::text || '.' || a.attname AS col
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass
          ORDER BY 1`,
      );
      expect(Object.keys(EXPORT_COVERS).sort()).toEqual(rows.map((r) => r.col).sort());
      // Erasure says, for the same columns, whether the rows go, stay, or lose the person's words.
      expect(Object.keys(ERASURE_PLAN).sort()).toEqual(rows.map((r) => r.col).sort());
    } finally {
      await db.end();
    }
  });
});

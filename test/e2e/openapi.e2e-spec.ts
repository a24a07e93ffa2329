import { execFileSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { useApp } from '../support/use-app';

/**
 * The OpenAPI document outside clients rely on, held to Redocly's recommended rules: every path
 * parameter defined, both ways of signing in described, a server, and on every operation the
 * refusals it can give, in the one shape they share.
 */
describe('the OpenAPI document', () => {
  const app = useApp();

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const doc = await request(app.t.url).get('/api/docs-json').expect(200);
    const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/openapi-lint.mjs')], {
      input: doc.text,
      encoding: 'utf8',
    });
    const found = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { severity: string; rule: string; at: string; message: string })
      .map((p) => `${p.severity} ${p.rule} ${p.at}: ${p.message}`);
    expect(found).toEqual([]);
  });

  it('describes both ways of signing in, and says which routes need none', async () => {
    const doc = (await request(app.t.url).get('/api/docs-json').expect(200)).body as {
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
      paths: Record<string, Record<string, { security: object[]; responses: Record<string, unknown> }>>;
    };
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'p2p_session' }),
    });
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/me'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(Object.keys(doc.paths['/api/threads/{tid}/posts'].post.responses).sort()).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '404']),
    );
  });

  it('names a schema for every success answer that has a body', async () => {
    const doc = (await request(app.t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
      >;
    };
    const unnamed: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (!status.startsWith('2')) continue;
          if (!Object.values(response.content ?? {}).some((c) => c.schema)) {
            unnamed.push(`${method.toUpperCase()} ${path} ${status}`);
          }
        }
      }
    }
    // Only an answer with no body may name no schema, and only a 204 has no body.
    expect(NO_BODY.filter((op) => !op.endsWith(' 204'))).toEqual([]);
    expect(unnamed.sort()).toEqual(NO_BODY);
  });
});

/** The operations that answer 204, with nothing in the body: the only ones that name no schema. */
const NO_BODY = [
  'DELETE /api/auth/sessions/{sessionId} 204',
  'DELETE /api/boards/{bid}/pages/{slug} 204',
  'DELETE /api/me/drafts/{place} 204',
  'POST /api/auth/logout 204',
  'POST /api/communities/{cid}/members/{uid}/left 204',
  'POST /api/communities/{cid}/members/{uid}/suspension/end 204',
];

// Lints an OpenAPI document (JSON on standard input) with Redocly's recommended rules and prints
// the problems as JSON lines: `node scripts/openapi-lint.mjs < openapi.json`. A script of its own
// because @redocly/openapi-core is an ES module, which the tests' CommonJS cannot load.
import { createConfig, lintFromString } from '@redocly/openapi-core';

let source = '';
for await (const chunk of process.stdin) source += chunk;
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: '/api/docs-json', config });
for (const p of problems) {
  process.stdout.write(
    `${JSON.stringify({ severity: p.severity, rule: p.ruleId, at: p.location[0]?.pointer ?? '', message: p.message })}\n`,
  );
}

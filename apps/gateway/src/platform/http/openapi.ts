import { INestApplication } from '@nestjs/common';
import {
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { VIEW_SCHEMAS, ViewName } from '@p2p/contract/view-schemas';

/** Every refusal the API gives: the status, its name, and one sentence a person can act on. */
export class ProblemDto {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'Not Found' }) error: string;
  @ApiProperty({ example: "We couldn't find that board, or it isn't one you can read." }) message: string;
  @ApiPropertyOptional({ description: 'Only on a 500: quote it to the operator, who can find the fault in the log.' })
  errorId?: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ref = (view: ViewName) => ({ $ref: `#/components/schemas/${view}` });

/**
 * What an operation answers, as one of the contract's views (libs/contract, the same types the
 * code returns): the view itself, a list of them, a page (`{ items, nextCursor }`), or all of
 * them at once (`{ items }`).
 */
export function ApiView(
  view: ViewName,
  opts: { status?: number; shape?: 'one' | 'list' | 'page' | 'items'; description?: string } = {},
): MethodDecorator {
  const shape = opts.shape ?? 'one';
  const schema: SchemaObject | ReferenceObject =
    shape === 'one'
      ? ref(view)
      : shape === 'list'
        ? { type: 'array', items: ref(view) }
        : shape === 'items'
          ? { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref(view) } } }
          : {
              type: 'object',
              required: ['items', 'nextCursor'],
              properties: {
                items: { type: 'array', items: ref(view) },
                nextCursor: { type: 'string', nullable: true, description: 'Pass as ?cursor= for the next page.' },
              },
            };
  return ApiResponse({ status: opts.status ?? 200, description: opts.description ?? view, schema });
}

/** The standard refusals, and when an operation can give each. */
const REFUSALS: { status: string; description: string; when: (op: Operation) => boolean }[] = [
  {
    status: '400',
    description:
      'What was sent cannot be used (a field, an id in the address, a query, a body that is not JSON): ' +
      'the message says what to change.',
    // Any request with a body that is not JSON gets it, before it reaches the route.
    when: () => true,
  },
  { status: '401', description: 'Not signed in, or the session has ended.', when: (op) => op.security.length > 0 },
  {
    status: '403',
    description: "Signed in, but this is not the caller's to do (the message says whose it is).",
    when: (op) => op.security.length > 0,
  },
  {
    status: '404',
    description: 'Not found, or not one the caller may read: the two are the same answer, so nothing is given away.',
    when: (op) => op.parameters?.some((p) => p.in === 'path') ?? false,
  },
];

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: object; description?: string }[];
  requestBody?: unknown;
  security: Record<string, string[]>[];
  responses: Record<string, { description: string; content?: object }>;
}

/**
 * The OpenAPI document, complete: the server, both ways to sign in (a bearer token, or the
 * session cookie the web client uses), every path parameter described, and on every operation the
 * refusals it can give with the one shape they share (ProblemDto). Served at /api/docs-json and
 * linted by the tests (Redocly's recommended rules).
 */
export function openApiDocument(app: INestApplication, opts: { sessionCookie: string }): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('P2P Board')
      .setDescription(
        'The HTTP contract of P2P Board. Realtime events are described in docs/realtime.md. ' +
          'Sign in with POST /api/auth/login: use the token as a bearer token, or the session cookie it sets ' +
          '(then send the csrfToken it returns as X-CSRF-Token on every change).',
      )
      .setVersion('0.1.0')
      .addServer('/', 'This board')
      .addBearerAuth()
      .addCookieAuth(opts.sessionCookie, { type: 'apiKey', in: 'cookie', name: opts.sessionCookie }, 'cookie')
      .build(),
    { extraModels: [ProblemDto] },
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...usedViews(document) },
  };
  // As package.json says: not released under an open licence (npm's meaning of UNLICENSED).
  document.info.license = {
    name: 'UNLICENSED',
    url: 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license',
  };
  return completeOperations(document);
}

function completeOperations(document: OpenAPIObject): OpenAPIObject {
  const problem = { 'application/json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as Operation | undefined;
      if (!op) continue;
      op.parameters ??= [];
      for (const name of names) {
        if (op.parameters.some((p) => p.in === 'path' && p.name === name)) continue;
        // Named in the address for its place in the tree; the operation finds its row by the other ids.
        op.parameters.push({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string', format: 'uuid' },
          description: 'The id of the community (or room) the resource sits in.',
        });
      }
      // A route with no security named is open to anyone (health, signing in): say so, and
      // offer both schemes on every other.
      op.security = op.security?.length ? [{ bearer: [] }, { cookie: [] }] : [];
      for (const r of REFUSALS) {
        if (r.when(op) && !op.responses[r.status]) {
          op.responses[r.status] = { description: r.description, content: problem };
        }
      }
      if (op.requestBody && !op.responses['413']) {
        op.responses['413'] = { description: 'The body is larger than the board takes.', content: problem };
      }
    }
  }
  return document;
}

/** The contract's view schemas that the operations name, and those they name in turn. */
function usedViews(document: OpenAPIObject): Record<string, object> {
  const used: Record<string, object> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        const schema = VIEW_SCHEMAS[name];
        if (schema && !used[name]) {
          used[name] = schema;
          visit(schema);
        }
      } else visit(v);
    }
  };
  visit(document.paths);
  visit(document.components?.schemas);
  return used;
}

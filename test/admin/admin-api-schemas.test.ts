/**
 * The admin API's route schemas are its one description: every route Fastify registers under
 * /api/admin declares them, the generated OpenAPI document lists each route with its method and
 * those schemas, and what the server answers fits them. The route list comes from Fastify's own
 * `onRoute` hook, so a route added without a schema, or left out of the document, fails here.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConsolePlugin, ensureSetupCode } from '../../src/admin/admin-console.js';
import type { Directory } from '../../src/directory/directory.js';
import { CUSTOM_ATTRIBUTE_TYPES as SCHEMA_ATTRIBUTE_TYPES } from '../../src/admin/http/schemas/mappings.js';
import { MIN_PASSWORD_LENGTH as SCHEMA_MIN_PASSWORD } from '../../src/admin/http/schemas/session.js';
import {
  MAX_RETENTION_DAYS as SCHEMA_RETENTION,
  MAX_TOKEN_DAYS as SCHEMA_TOKEN_DAYS,
} from '../../src/admin/http/schemas/settings.js';
import { MIN_PASSWORD_LENGTH } from '../../src/admin/password-hash.js';
import { MAX_RETENTION_DAYS } from '../../src/admin/services/console-settings.js';
import { CUSTOM_ATTRIBUTE_TYPES } from '../../src/admin/services/custom-attributes.js';
import { MAX_TOKEN_DAYS } from '../../src/admin/services/token-admin.js';
import { ADMIN_NAME, ADMIN_PASSWORD, AdminClient } from '../support/admin-test-server.js';
import { type LaunchedServer, launchTestServer } from '../support/test-server.js';
import { createUser, scimCall } from './scim-calls.js';

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const PREFIX = '/api/admin';
/** Admin routes as Fastify registered them (HEAD routes are Fastify's copies of the GETs). */
const routes: RouteOptions[] = [];
let launched: LaunchedServer;
let admin: AdminClient;
let document: OpenApiDocument;

beforeAll(async () => {
  const consolePlugin = adminConsolePlugin({ maintenanceIntervalMs: 0 });
  const recordingConsole = async (app: FastifyInstance, directory: Directory): Promise<void> => {
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith(PREFIX) && route.method !== 'HEAD') routes.push(route);
    });
    await consolePlugin(app, directory);
  };
  launched = await launchTestServer({
    folderPrefix: 'library-admin-test-',
    schemaPrefix: 'admin_test_',
    plugins: [recordingConsole],
    ignoreDropErrors: true,
  });
  const setupCode = await ensureSetupCode(launched.server.directory);
  admin = new AdminClient(`${launched.origin}${PREFIX}`);
  expect((await admin.setup(setupCode ?? '', ADMIN_NAME, ADMIN_PASSWORD)).status).toBe(201);
  document = (await admin.request<OpenApiDocument>('GET', '/openapi.json')).body;
});

afterAll(async () => {
  await launched.close();
});

const methodsOf = (route: RouteOptions): string[] => (Array.isArray(route.method) ? route.method : [route.method]);
const apiPath = (route: RouteOptions): string => route.url.slice(PREFIX.length);
const documentedPath = (route: RouteOptions): string => apiPath(route).replace(/:(\w+)/g, '{$1}');
const propertyNames = (schema: unknown): string[] =>
  Object.keys((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}).sort();

describe('the generated OpenAPI document', () => {
  it('is OpenAPI 3.1 with the absolute admin API URL as its server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: `${launched.origin}${PREFIX}` }]);
  });

  it('lists every registered admin route with its method, and nothing else', () => {
    expect(routes.length).toBeGreaterThanOrEqual(28);
    const registered = routes.flatMap((route) =>
      methodsOf(route).map((method) => `${method.toLowerCase()} ${documentedPath(route)}`),
    );
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(registered.sort());
  });

  it('gives every route its schemas, and documents exactly those', () => {
    for (const route of routes) {
      const schema = route.schema as Record<string, unknown> | undefined;
      const name = `${methodsOf(route).join(',')} ${route.url}`;
      expect(schema?.['response'], `${name} declares its responses`).toBeDefined();
      if (route.url.includes(':')) expect(schema?.['params'], `${name} declares its path parameters`).toBeDefined();
      for (const method of methodsOf(route)) {
        const operation = document.paths[documentedPath(route)]?.[method.toLowerCase()];
        expect(operation, name).toBeDefined();
        if (!operation) continue;
        expect(Object.keys(operation.responses).sort(), `${name} responses`).toEqual(
          Object.keys(schema?.['response'] ?? {}).sort(),
        );
        const parameters = (place: string): string[] =>
          (operation.parameters ?? [])
            .filter((parameter) => parameter.in === place)
            .map((parameter) => parameter.name)
            .sort();
        expect(parameters('query'), `${name} query`).toEqual(propertyNames(schema?.['querystring']));
        expect(parameters('path'), `${name} path`).toEqual(propertyNames(schema?.['params']));
        const body = operation.requestBody?.content['application/json']?.schema;
        if (schema?.['body'] === undefined) expect(body, `${name} takes no body`).toBeUndefined();
        else expect(body, `${name} body`).toMatchObject(schema['body'] as object);
      }
    }
  });

  it('shows the shape of a request body with what is required, the limits and the 400 wording', () => {
    const tokens = document.paths['/tokens']?.['post']?.requestBody?.content['application/json']?.schema;
    expect(tokens).toMatchObject({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100, 'x-detail': expect.stringContaining('Give the token') },
        expiresInDays: { anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_TOKEN_DAYS }, { type: 'null' }] },
      },
    });
  });

  it('repeats the limits the services enforce', () => {
    expect(SCHEMA_TOKEN_DAYS).toBe(MAX_TOKEN_DAYS);
    expect(SCHEMA_RETENTION).toBe(MAX_RETENTION_DAYS);
    expect(SCHEMA_MIN_PASSWORD).toBe(MIN_PASSWORD_LENGTH);
    expect([...SCHEMA_ATTRIBUTE_TYPES]).toEqual([...CUSTOM_ATTRIBUTE_TYPES]);
  });
});

describe('answers fit their published schemas', () => {
  it('for every readable route of a populated directory', async () => {
    const scimBase = launched.scimBase;
    const token = (await launched.server.directory.tokens.create({ name: 'schema-check' })).token;
    const userId = await createUser(scimBase, token, 'schema.user');
    const group = await scimCall(scimBase, token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Schema Group',
      members: [{ value: userId }],
    });
    const groupId = String(group.body['id']);
    await admin.request('POST', '/attributes', { body: { name: 'schemaProbe' } });
    const activity = (await admin.request<{ rows: { id: number }[] }>('GET', '/activity')).body.rows;
    const values: Record<string, string> = {
      '/users/:id': userId,
      '/groups/:id': groupId,
      '/groups/:id/members': groupId,
      '/activity/:id': String(activity[0]?.id),
    };
    const checked: string[] = [];
    for (const route of routes) {
      if (route.method !== 'GET' || apiPath(route) === '/export') continue;
      const path = apiPath(route).replace(':id', values[apiPath(route)] ?? '');
      const answer = await admin.request('GET', path);
      expect(answer.status, path).toBe(200);
      const schema = (route.schema as { response: Record<string, TSchema> }).response['200'];
      const validator = Compile(schema as TSchema);
      expect(validator.Errors(answer.body), path).toEqual([]);
      checked.push(path);
    }
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });
});

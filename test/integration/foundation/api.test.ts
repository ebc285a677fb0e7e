import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '#adapters/local/manualClock.ts';
import { accessKeys } from '#domain/people/access.ts';
import { LocalIdentityProvider, localClientId, localIssuer } from '#infra/local/localIdentityProvider.ts';
import { startTestRuntime, type TestRuntime } from '../support/testRuntime.ts';

let stack: TestRuntime;

beforeAll(async () => {
  stack = await startTestRuntime();
});
afterAll(() => stack.stop());

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as { status: number; code: string; title: string };
  expect(problem).toMatchObject({ status, code });
  return problem;
}

describe('GET /health', () => {
  it('answers without a token, with the security headers of an API', async () => {
    const response = await stack.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses other methods with 405 and names the allowed one', async () => {
    const response = await stack.request('/health', { method: 'DELETE' });
    await expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('GET /docs', () => {
  it('serves the API reference page, its files from here only, showing /openapi.json', async () => {
    const page = await stack.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/connect-src 'self'(;|$)/);
    const html = await page.text();
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(referenced.length).toBeGreaterThanOrEqual(3);
    // Nothing from elsewhere: every file resolves under this API, and answers.
    const base = new URL('http://api.example/docs');
    const shipped = createRequire(import.meta.url);
    for (const ref of referenced) {
      const url = new URL(ref, base);
      expect(url.origin).toBe(base.origin);
      const file = await stack.request(url.pathname);
      expect(file.status, url.pathname).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^text\/(css|javascript)/);
      const text = await file.text();
      const name = url.pathname.split('/').at(-1) as string;
      if (name.startsWith('swagger-ui'))
        expect(text).toBe(readFileSync(shipped.resolve(`swagger-ui-dist/${name}`), 'utf8'));
      // The page starts Swagger UI on this API's own document.
      if (name === 'start.js') {
        const documentUrl = /new URL\('([^']+)', document\.baseURI\)/.exec(text)?.[1] as string;
        expect(new URL(documentUrl, base).pathname).toBe('/openapi.json');
        expect(text).toMatch(/SwaggerUIBundle\(/);
      }
    }
    expect((await stack.request('/openapi.json')).status).toBe(200);
    expect((await stack.request('/docs/secrets.json')).status).toBe(400);
  });
});

describe('GET /v1/signing-key', () => {
  it('publishes, without a token, the public key that verifies what the product signs', async () => {
    const response = await stack.request('/v1/signing-key');
    expect(response.status).toBe(200);
    const key = (await response.json()) as { keyId: string; algorithm: string; publicKeyPem: string };
    expect(key.algorithm).toBe('ECDSA_SHA_256');
    const { createPublicKey, verify } = await import('node:crypto');
    const { resolvePort } = await import('#adapters/runtimePorts.ts');
    const signer = resolvePort('signer', () => {
      throw new Error('the local runtime installs a signer');
    });
    const message = Buffer.from('王芳 hands over 40 customers');
    const { keyId, signature } = await signer.sign(message);
    expect(keyId).toBe(key.keyId);
    const publicKey = createPublicKey(key.publicKeyPem);
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(verify('sha256', message, publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });
});

describe('GET /v1/me', () => {
  it("tells the caller who they are and what they may do now, with each permission's source", async () => {
    const token = await stack.account('E1001', ['employee', 'manager']);
    const response = await stack.request('/v1/me', { token });
    expect(response.status).toBe(200);
    const me = (await response.json()) as {
      employeeId: string;
      roles: string[];
      permissions: { permission: string; sources: string[] }[];
    };
    expect(me.employeeId).toBe('E1001');
    expect(me.roles).toEqual(['employee', 'manager']);
    expect(me.permissions).toContainEqual({ permission: 'customer:read:team', sources: ['role:manager'] });
    expect(me.permissions.map((p) => p.permission)).not.toContain('customer:export');
  });

  it('refuses a revoked permission on the very next request with the same token', async () => {
    const token = await stack.account('E1002', ['hr_admin']);
    const before = (await (await stack.request('/v1/me', { token })).json()) as {
      permissions: { permission: string }[];
    };
    expect(before.permissions.map((p) => p.permission)).toContain('customer:export');

    await stack.clients.dynamo.send(
      new PutCommand({
        TableName: stack.names.tables.hr,
        Item: {
          pk: accessKeys.partition('E1002'),
          sk: accessKeys.grant('customer:export'),
          permission: 'customer:export',
          effect: 'deny',
          reason: 'resignation submitted',
          decidedBy: 'system',
          decidedAt: stack.clock.now().toISOString(),
        },
      }),
    );
    const after = (await (await stack.request('/v1/me', { token })).json()) as {
      permissions: { permission: string }[];
    };
    expect(after.permissions.map((p) => p.permission)).not.toContain('customer:export');
  });

  it('refuses a disabled account everything, whatever token it holds', async () => {
    const token = await stack.account('E1003', ['hr_admin']);
    expect((await stack.request('/v1/me', { token })).status).toBe(200);
    await stack.account('E1003', ['hr_admin'], 'disabled');
    await expectProblem(await stack.request('/v1/me', { token }), 403, 'account_disabled');
  });

  it('refuses a well-signed token for someone who has no account', async () => {
    const token = await stack.identityProvider.issue({ employeeId: 'NOBODY', groups: ['hr_admin'] });
    await expectProblem(await stack.request('/v1/me', { token }), 403, 'account_unknown');
  });
});

describe('bad input never gets a 500', () => {
  it('no token, a garbage token, or a malformed Authorization header → 401', async () => {
    await expectProblem(await stack.request('/v1/me'), 401, 'unauthenticated');
    await expectProblem(await stack.request('/v1/me', { token: 'not-a-jwt' }), 401, 'unauthenticated');
    await expectProblem(
      await stack.request('/v1/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      401,
      'unauthenticated',
    );
    const response = await stack.request('/v1/me', { token: 'a.b.c' });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('an expired token → 401', async () => {
    const token = await stack.account('E1004', ['employee']);
    expect((await stack.request('/v1/me', { token })).status).toBe(200);
    stack.clock.advance(61 * 60 * 1000);
    await expectProblem(await stack.request('/v1/me', { token }), 401, 'unauthenticated');
  });

  it('refuses, signed with the right key, what Cognito would never issue → 401', async () => {
    await stack.account('E1008', ['employee']);
    const now = Math.floor(stack.clock.now().getTime() / 1000);
    const claims = {
      iss: localIssuer,
      sub: 'a7c1e0d2-0000-4000-8000-000000000008',
      username: 'E1008',
      'cognito:groups': ['employee'],
      client_id: localClientId,
      token_use: 'access',
      iat: now,
      exp: now + 3600,
    };
    const sign = (changes: Record<string, unknown>, header: { kid?: string } = {}) =>
      stack.identityProvider.signClaims(
        Object.fromEntries(Object.entries({ ...claims, ...changes }).filter(([, v]) => v !== undefined)),
        header,
      );
    expect((await stack.request('/v1/me', { token: await sign({}) })).status).toBe(200);
    for (const token of [
      await sign({ exp: undefined }),
      await sign({ token_use: 'id' }),
      await sign({ token_use: undefined }),
      await sign({ iat: now + 3600 }),
      await sign({ nbf: now + 3600 }),
      await sign({ client_id: 'someone-else' }),
      await sign({}, { kid: 'an-unknown-key' }),
    ])
      await expectProblem(await stack.request('/v1/me', { token }), 401, 'unauthenticated');
  });

  it('a token signed by another key → 401', async () => {
    await stack.account('E1005', ['hr_admin']);
    const impostor = await LocalIdentityProvider.open({ clock: new ManualClock(stack.clock.now()) });
    const forged = await impostor.issue({ employeeId: 'E1005', groups: ['hr_admin'] });
    await expectProblem(await stack.request('/v1/me', { token: forged }), 401, 'unauthenticated');
  });

  it('wrong methods → 405, unknown paths → 404', async () => {
    const token = await stack.account('E1006', ['employee']);
    const post = await stack.request('/v1/me', { method: 'POST', token, body: '{}' });
    await expectProblem(post, 405, 'method_not_allowed');
    await expectProblem(await stack.request('/v1/nothing-here', { token }), 404, 'route_not_found');
  });

  it('a body where none is taken → 400 naming the field; an oversized one → 413', async () => {
    const token = await stack.account('E1007', ['employee']);
    const json = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const withBody = await rawRequest(`${stack.url}/v1/me`, 'GET', json, '{"x":1}');
    expect(withBody.status).toBe(400);
    expect(withBody.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });

    const huge = await rawRequest(`${stack.url}/v1/me`, 'GET', json, 'x'.repeat(70 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'body_too_large' });

    const pastGatewayLimit = await stack.request('/health', {
      method: 'POST',
      body: 'x'.repeat(11 * 1024 * 1024),
    });
    await expectProblem(pastGatewayLimit, 413, 'payload_too_large');
  });

  it('answers headers or a URL over 16 KB with a problem too (431)', async () => {
    const big = await rawRequest(`${stack.url}/v1/me`, 'GET', { 'x-padding': 'x'.repeat(20 * 1024) }, '');
    expect(big).toMatchObject({ status: 431, body: { status: 431, code: 'headers_too_large' } });
    const long = await rawRequest(`${stack.url}/v1/me?q=${'x'.repeat(20 * 1024)}`, 'GET', {}, '');
    expect(long).toMatchObject({ status: 431, body: { code: 'headers_too_large' } });
  });
});

/** fetch will not send a body with GET; a client library might, so send one the raw way. */
function rawRequest(url: string, method: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const length = { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(url, { method, headers: { ...headers, ...length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CORS', () => {
  it('lets no browser origin in by default', async () => {
    const response = await stack.request('/health', { headers: { origin: 'https://hr.example.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights and reads for the configured origins only, as API Gateway does', async () => {
    const withCors = await startTestRuntime({ settings: { corsOrigins: ['https://hr.example.com'] } });
    try {
      const preflight = await withCors.request('/v1/me', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://hr.example.com',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,if-match',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://hr.example.com');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('if-match');
      const read = await withCors.request('/health', { headers: { origin: 'https://hr.example.com' } });
      expect(read.headers.get('access-control-allow-origin')).toBe('https://hr.example.com');
      expect(read.headers.get('access-control-expose-headers')).toContain('etag');
      const other = await withCors.request('/health', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const otherPreflight = await withCors.request('/v1/me', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await withCors.stop();
    }
  });
});

describe('request ids', () => {
  it('gives every answer its request id, as API Gateway does, the same one its problem carries', async () => {
    const ok = await stack.request('/health');
    expect(ok.headers.get('apigw-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await stack.request('/v1/no-such-route');
    const problem = (await refused.json()) as { requestId: string };
    expect(problem.requestId).toBe(refused.headers.get('apigw-requestid'));
    expect(problem.requestId).not.toBe(ok.headers.get('apigw-requestid'));
  });
});

import type { ExecutionContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { Authentication, StoredCredential } from '@lgsp/access';
import { ProblemException } from '../monitoring/api/problem';
import { ApiKeyGuard, Authenticator, presentedKey } from './api-key.guard';

const READER: StoredCredential = {
  id: '0123456789ab',
  name: 'steward',
  scopes: ['records:read'],
  sources: null,
  provinces: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
};

/** Answers from a table of keys; records what it was asked. */
class FakeAuthenticator implements Authenticator {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, Authentication>) {}
  async authenticate(presented: string): Promise<Authentication> {
    this.asked.push(presented);
    return this.answers[presented] ?? { ok: false, refusal: 'malformed' };
  }
}

function fakeLogger() {
  const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => lines.push({ level, fields, msg });
  return { lines, logger: { info: at('info'), warn: at('warn') } as unknown as Logger };
}

function contextOf(
  headers: Record<string, string | undefined>,
  params: Record<string, string> = { source: 'insurance', entityId: '3300000001' },
) {
  const request: Record<string, unknown> = {
    method: 'GET',
    path: `/api/records/${params.source}/${params.entityId}`,
    route: { path: '/api/records/:source/:entityId' },
    headers,
    params,
    query: {},
  };
  const responseHeaders: Record<string, string> = {};
  const context = {
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ setHeader: (name: string, value: string) => (responseHeaders[name] = value) }),
    }),
  } as unknown as ExecutionContext;
  return { context, request, responseHeaders };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (e) {
    if (e instanceof ProblemException) return e.getStatus();
    throw e;
  }
}

describe('ApiKeyGuard', () => {
  const answers: Record<string, Authentication> = {
    'key-good': { ok: true, credential: READER },
    'key-noscope': { ok: true, credential: { ...READER, scopes: [] } },
    'key-revoked': { ok: false, refusal: 'revoked', id: READER.id },
    'key-unknown': { ok: false, refusal: 'unknown', id: 'ffffffffffff' },
  };

  it('lets a live key with the scope through, from either header, and logs who, what and when', async () => {
    const { lines, logger } = fakeLogger();
    const authenticator = new FakeAuthenticator(answers);
    const guard = new ApiKeyGuard(authenticator, logger);
    for (const headers of [
      { authorization: 'Bearer key-good' },
      { authorization: 'bearer  key-good ' },
      { 'x-api-key': 'key-good' },
    ]) {
      const { context, request } = contextOf(headers);
      expect(await guard.canActivate(context)).toBe(true);
      expect(request.credential).toEqual(READER);
    }
    expect(authenticator.asked).toEqual(['key-good', 'key-good', 'key-good']);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      level: 'info',
      msg: 'record access',
      fields: {
        access: {
          method: 'GET',
          route: '/api/records/:source/:entityId',
          source: 'insurance',
          entityId: '330*****01',
          credentialId: READER.id,
          credential: 'steward',
        },
      },
    });
    expect(JSON.stringify(lines)).not.toContain('3300000001');
  });

  it('answers 401 with a challenge for no key, an unknown key and a revoked one; 403 for a key without the scope', async () => {
    const { lines, logger } = fakeLogger();
    const guard = new ApiKeyGuard(new FakeAuthenticator(answers), logger);
    const cases: [Record<string, string>, number][] = [
      [{}, 401],
      [{ authorization: 'Basic a2V5LWdvb2Q=' }, 401],
      [{ authorization: 'Bearer key-unknown' }, 401],
      [{ authorization: 'Bearer key-revoked' }, 401],
      [{ 'x-api-key': 'key-noscope' }, 403],
    ];
    for (const [headers, status] of cases) {
      const { context, request, responseHeaders } = contextOf(headers);
      expect({ headers, status: await statusOf(guard.canActivate(context)) }).toEqual({ headers, status });
      expect(request.credential).toBeUndefined();
      if (status === 401) expect(responseHeaders['WWW-Authenticate']).toMatch(/^Bearer /);
    }
    expect(lines.map((l) => [l.level, (l.fields.access as { refused: string }).refused])).toEqual([
      ['warn', 'missing'],
      ['warn', 'missing'],
      ['warn', 'unknown'],
      ['warn', 'revoked'],
      ['warn', 'scope'],
    ]);
    // The key itself is never logged.
    expect(JSON.stringify(lines)).not.toContain('key-');
  });

  it('reads the key from Authorization: Bearer first, then X-API-Key', () => {
    expect(presentedKey({ authorization: 'Bearer a', 'x-api-key': 'b' })).toBe('a');
    expect(presentedKey({ 'x-api-key': ' b ' })).toBe('b');
    expect(presentedKey({ authorization: 'Bearer', 'x-api-key': '' })).toBeNull();
    expect(presentedKey({})).toBeNull();
  });
});

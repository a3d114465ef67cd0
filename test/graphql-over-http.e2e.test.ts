// GraphQL over HTTP: the graphql-http audit suite (every MUST and SHOULD for application/graphql-response+json),
// and client mistakes answered as 4xx with codes of their own, never INTERNAL_SERVER_ERROR or an error-level log.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/**
 * Audits left out, on purpose: MAY audits (GET needs a CSRF preflight header here), and the SHOULDs asking for 200 on
 * parse and validation errors under the legacy `application/json`, which the public contract answers with 400.
 */
const skipped = (name: string) => name.startsWith('MAY ') || (/ 200 /.test(name) && name.endsWith('accepting application/json'));

describe('graphql-http server audits', () => {
  it('passes every MUST and SHOULD audit for application/graphql-response+json', async () => {
    const audits = serverAudits({ url: `${stack.gateway.url}/graphql` }).filter((audit) => !skipped(audit.name));
    const results = await Promise.all(audits.map(async (audit) => ({ ...(await audit.fn()), name: audit.name })));
    const failed = results.flatMap((result) => (result.status === 'ok' ? [] : [`${result.name}: ${result.reason}`]));
    expect(failed).toEqual([]);
    expect(results.filter((result) => result.name.startsWith('MUST ')).length).toBeGreaterThan(10);
    expect(results.filter((result) => result.name.startsWith('SHOULD ')).length).toBeGreaterThan(10);
  });
});

const post = async (body: unknown, accept = 'application/graphql-response+json') => {
  const response = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }>; data?: unknown },
  };
};
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const READ = '{ account(id: "taler:alice") { id } }';

describe('client mistakes', () => {
  it.each([
    ['a syntax error', { query: '{ account(id: ' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document over the token limit', { query: `{ ${'x '.repeat(6000)}}` }, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'an APQ hash that does not match its query',
      { query: READ, extensions: { persistedQuery: { version: 1, sha256Hash: sha('other') } } },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
    [
      'APQ version 2',
      { query: READ, extensions: { persistedQuery: { version: 2, sha256Hash: sha(READ) } } },
      'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
    ],
    ['a subscription over plain HTTP', { query: 'subscription { accountUpdated(ids: ["taler:alice"]) { id } }' }, undefined],
    ['no query at all', { variables: {} }, 'BAD_REQUEST'],
  ])('answers %s with 400 and its own code, logged below error level', async (_label, body, code) => {
    stack.fleet.reset();
    const before = stack.logs.length;
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const result = await post(body, accept);
      expect(result.status).toBe(400);
      const got = result.body.errors?.[0]?.extensions?.code;
      expect(got).not.toBe('INTERNAL_SERVER_ERROR');
      if (code) expect(got).toBe(code);
    }
    expect(stack.fleet.totalRequests()).toBe(0);
    const levels = stack.logs.slice(before).map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.every((level) => level <= 30)).toBe(true);
  });
});

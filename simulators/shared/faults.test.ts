// The fault control route over HTTP: accepted rules stage faults, anything else is 400 with the accepted shapes, and
// no body, however broken, stops a simulator (in this process, or in a process of its own as demo mode runs them).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_FAULT_RULES } from './faults.js';
import { FAULTS_PATH, startSimulator, type RunningSimulator, type SimulatorDefinition } from './server.js';

/** A one-route simulator: `GET /accounts/alice` answers 200. */
const definition: SimulatorDefinition = {
  name: 'echo',
  routes: [{ method: 'GET', path: '/accounts/:id', handler: (request) => ({ status: 200, body: { id: request.params.id } }) }],
  notFound: () => ({ status: 404, body: { error: 'not found' } }),
};

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(definition);
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

async function control(method: string, body?: string) {
  const response = await fetch(`${sim.url}${FAULTS_PATH}`, { method, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const account = async () => {
  const response = await fetch(`${sim.url}/accounts/alice`);
  return { status: response.status, body: (await response.text()) || undefined };
};

const KINDS = ['latency', 'hang', 'reset', 'status', 'rateLimit', 'malformedJson', 'truncatedJson', 'wrongShape', 'oversized'];

describe('POST /__simulator/faults', () => {
  it('stages an accepted rule: listed, applied to matching requests, dropped after `times`', async () => {
    const posted = await control(
      'POST',
      JSON.stringify({ fault: { kind: 'status', status: 503, body: '{"down":true}' }, method: 'GET', path: '^/accounts/', times: 1 }),
    );
    expect(posted).toMatchObject({
      status: 200,
      body: [{ fault: { kind: 'status', status: 503, body: '{"down":true}' }, method: 'GET', path: '^/accounts/', times: 1 }],
    });
    expect(await account()).toEqual({ status: 503, body: '{"down":true}' });
    expect(await account()).toEqual({ status: 200, body: '{"id":"alice"}' });
    expect((await control('GET')).body).toEqual([]);
  });

  it('takes a rule sent without a content type, as `curl -d` sends it', async () => {
    const response = await fetch(`${sim.url}${FAULTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"fault":{"kind":"rateLimit","retryAfterSeconds":7}}',
    });
    expect(response.status).toBe(200);
    const limited = await fetch(`${sim.url}/accounts/alice`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it.each([
    ['invalid JSON', '{"fault":', 'the body is not JSON', []],
    ['an empty body', '', 'the body is not JSON', []],
    ['a kind that does not exist', '{"fault":{"kind":"down"}}', 'not an accepted fault rule', ['fault.kind']],
    ['no fault', '{}', 'not an accepted fault rule', ['fault']],
    ['a fault that is not an object', '{"fault":"hang"}', 'not an accepted fault rule', ['fault']],
    ['a JSON array', '[{"fault":{"kind":"hang"}}]', 'not an accepted fault rule', ['']],
    ['JSON null', 'null', 'not an accepted fault rule', ['']],
    ['latency without ms', '{"fault":{"kind":"latency"}}', 'not an accepted fault rule', ['fault.ms']],
    ['a negative latency', '{"fault":{"kind":"latency","ms":-1}}', 'not an accepted fault rule', ['fault.ms']],
    ['a latency beyond ten minutes', '{"fault":{"kind":"latency","ms":1e12}}', 'not an accepted fault rule', ['fault.ms']],
    ['latency as text', '{"fault":{"kind":"latency","ms":"2000"}}', 'not an accepted fault rule', ['fault.ms']],
    ['a status below 200', '{"fault":{"kind":"status","status":99}}', 'not an accepted fault rule', ['fault.status']],
    ['a status above 599', '{"fault":{"kind":"status","status":600}}', 'not an accepted fault rule', ['fault.status']],
    ['a fractional status', '{"fault":{"kind":"status","status":500.5}}', 'not an accepted fault rule', ['fault.status']],
    ['a status body that is not text', '{"fault":{"kind":"status","status":500,"body":{"a":1}}}', 'not an accepted fault rule', ['fault.body']],
    ['a misspelt field', '{"fault":{"kind":"rateLimit","retryAfter":5}}', 'not an accepted fault rule', ['fault']],
    ['an oversized body of a terabyte', '{"fault":{"kind":"oversized","bytes":1e12}}', 'not an accepted fault rule', ['fault.bytes']],
    ['a path that is not a regular expression', '{"fault":{"kind":"hang"},"path":"(["}', 'not an accepted fault rule', ['path']],
    ['times of zero', '{"fault":{"kind":"hang"},"times":0}', 'not an accepted fault rule', ['times']],
    ['an unknown method', '{"fault":{"kind":"hang"},"method":"FETCH"}', 'not an accepted fault rule', ['method']],
    ['an unknown rule field', '{"fault":{"kind":"hang"},"route":"/accounts"}', 'not an accepted fault rule', ['']],
  ])('refuses %s with 400 and the accepted shapes, keeps nothing, and serves on', async (_what, body, error, paths) => {
    const refused = await control('POST', body);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(refused.body).toMatchObject({ error, accepted: ACCEPTED_FAULT_RULES });
    const issues = (refused.body as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual(paths);
    expect((await control('GET')).body).toEqual([]);
    expect(await account()).toEqual({ status: 200, body: '{"id":"alice"}' });
  });

  it('names every fault kind there is in its 400', async () => {
    const refused = await control('POST', '{"fault":{"kind":"down"}}');
    const accepted = (refused.body as { accepted: typeof ACCEPTED_FAULT_RULES }).accepted;
    expect(accepted.faults.map((fault) => fault.kind)).toEqual(KINDS);
  });

  it('refuses a body over 1 MiB with 413, unread', async () => {
    const refused = await control('POST', JSON.stringify({ fault: { kind: 'status', status: 500, body: 'x'.repeat(1024 * 1024) } }));
    expect(refused).toMatchObject({ status: 413, body: { accepted: ACCEPTED_FAULT_RULES } });
    expect(await account()).toEqual({ status: 200, body: '{"id":"alice"}' });
  });

  it('answers other methods with 405 and the methods it takes', async () => {
    const refused = await control('PUT', '{"fault":{"kind":"hang"}}');
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, POST, DELETE');
  });

  it('is not a fault route for longer paths, and is never counted as a provider request', async () => {
    sim.reset();
    const longer = await fetch(`${sim.url}${FAULTS_PATH}x`, { method: 'POST', body: 'not json' });
    expect(longer.status).toBe(404);
    await control('GET');
    expect(sim.requests.map((r) => r.url)).toEqual([`${FAULTS_PATH}x`]);
  });
});

describe('DELETE /__simulator/faults', () => {
  it('clears every rule, and the routes answer normally again', async () => {
    await control('POST', '{"fault":{"kind":"status","status":500}}');
    await control('POST', '{"fault":{"kind":"latency","ms":10},"path":"^/accounts/bob$"}');
    expect((await control('GET')).body).toHaveLength(2);
    expect((await account()).status).toBe(500);
    expect(await control('DELETE')).toMatchObject({ status: 200, body: [] });
    expect(await account()).toEqual({ status: 200, body: '{"id":"alice"}' });
  });
});

describe('staging from code', () => {
  it('refuses the same bad rules when set directly, keeping nothing', () => {
    expect(() => sim.faults.set({ fault: { kind: 'down' } } as never)).toThrow();
    expect(() => sim.faults.set({ fault: { kind: 'hang' }, path: '([' })).toThrow();
    expect(sim.faults.list()).toEqual([]);
  });
});

describe('the five simulators in a process of their own', () => {
  it('keep serving after every bad rule and broken request, and exit only when stopped', { timeout: 30_000 }, async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const script = [
      "const { startSimulators } = await import('./simulators/index.ts');",
      'const fleet = await startSimulators();',
      'console.log(JSON.stringify(Object.fromEntries(Object.entries(fleet.byProvider).map(([p, s]) => [p, s.url]))));',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    let exitCode: number | null | undefined;
    const exited = new Promise<void>((resolve) => child.on('exit', (code) => ((exitCode = code), resolve())));
    try {
      const until = Date.now() + 20_000;
      while (!output.includes('\n') && exitCode === undefined && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      const urls = JSON.parse(output.split('\n')[0] ?? '') as Record<string, string>;
      expect(Object.keys(urls)).toEqual(['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ']);
      const bodies = [
        '{"fault":',
        '{"fault":{"kind":"down"}}',
        'null',
        '{"fault":{"kind":"oversized","bytes":1e15}}',
        '{"fault":{"kind":"hang"},"path":"(["}',
      ];
      for (const url of Object.values(urls)) {
        for (const body of bodies) expect((await fetch(`${url}${FAULTS_PATH}`, { method: 'POST', body })).status).toBe(400);
        // A path whose percent-encoding is broken, and a body that is not JSON, on a provider route.
        await fetch(`${url}/accounts/%E0%A4%A`);
        await fetch(`${url}/accounts`, { method: 'POST', body: '{"accountId":' });
      }
      const taler = await fetch(`${urls.TALER}/config`);
      expect(taler.status).toBe(200);
      expect(exitCode).toBeUndefined();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(output).not.toMatch(/Error|Unhandled/);
  });
});

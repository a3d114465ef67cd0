// `npm start` as users run it: demo mode on the built-in simulators and its banner, logs as JSON or readable lines, and
// start-up failures (a bad setting, a taken or privileged port, a foreign HOST) as one line naming the setting.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createServer, type Server } from 'node:net';
import { ROOT, startProcess } from './support/process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each test starts a gateway process (tsx loads the whole source): seconds each, much more on a busy two-core machine.
const SPAWN = { timeout: 90_000 };

const start = (env: Record<string, string>, as?: { uid: number; gid: number }) => startProcess(env, as);

describe('npm start', SPAWN, () => {
  it('runs demo mode on the simulators when no provider URL is set, and answers a query', async () => {
    const gateway = start({ PORT: '0' });
    try {
      await gateway.waitFor(/demo mode/);
      const [, url] = (await gateway.waitFor(/GraphQL endpoint: (http:\/\/[^\s"]+\/graphql)/)) as RegExpExecArray & [string, string];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ accounts(ids: ["taler:alice", "interledger:alice"]) { id balances { amount } } }' }),
      });
      const body = await response.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.accounts.map((a: { id: string }) => a.id)).toEqual(['taler:alice', 'interledger:alice']);
      expect(gateway.output()).not.toMatch(/password|secret-token|Basic [A-Za-z0-9+/=]{8}/i);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ STELLAR_URL: 'horizon' }, 'STELLAR_URL'],
  ])('stops with a message naming the variable for %j', async (env, variable) => {
    const gateway = start(env);
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toContain(variable);
  });
});

/** Fails the test if the output holds a stack trace or Node's own error text rather than the one line. */
const expectNoStack = (output: string) => {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/Error:|node:internal|EADDRINUSE|EACCES|EADDRNOTAVAIL/);
};

/** The JSON lines a gateway wrote, parsed (every line must be JSON). */
const jsonLines = (output: string) =>
  output
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);

describe('start-up failures: one line naming the setting, exit code 1', SPAWN, () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('says a taken port is in use and which setting to change, after the simulators have started (JSON on a pipe)', async () => {
    const gateway = start({ PORT: String(port) });
    expect(await gateway.exited).toBe(1);
    const lines = jsonLines(gateway.output());
    // Demo mode had started its simulators before the listener failed.
    expect(lines[0]?.msg).toMatch(/^demo mode/);
    expect(lines.filter((line) => line.level >= 50)).toEqual([
      expect.objectContaining({ level: 60, msg: `port ${port} on 127.0.0.1 is in use: set PORT to a free port, or 0 for any` }),
    ]);
    expectNoStack(gateway.output());
  });

  it('says the same as one readable line with LOG_FORMAT=pretty', async () => {
    const gateway = start({ PORT: String(port), LOG_FORMAT: 'pretty' });
    expect(await gateway.exited).toBe(1);
    const last = gateway.output().trimEnd().split('\n').at(-1);
    expect(last).toMatch(
      new RegExp(`^\\[\\d\\d:\\d\\d:\\d\\d\\] FATAL: port ${port} on 127\\.0\\.0\\.1 is in use: set PORT to a free port, or 0 for any$`),
    );
    expectNoStack(gateway.output());
  });

  const root = process.getuid?.() === 0;
  const unprivilegedStart = existsSync('/proc/sys/net/ipv4/ip_unprivileged_port_start')
    ? Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'))
    : 1024;
  // As root the gateway runs as nobody, who must be able to read the checkout (a clone under a private folder is not).
  const othersCanRead = (() => {
    for (let dir = resolve(ROOT); ; dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o005) !== 0o005) return false;
      if (dir === dirname(dir)) return true;
    }
  })();
  // Port 80 needs privileges only where the kernel reserves it; as root, the gateway runs as nobody to be refused.
  it.skipIf(unprivilegedStart <= 80 || (root && !othersCanRead))('says a privileged port needs privileges, and which setting to change', async () => {
    const gateway = start({ PORT: '80' }, root ? { uid: 65534, gid: 65534 } : undefined);
    expect(await gateway.exited).toBe(1);
    const fatal = jsonLines(gateway.output()).filter((line) => line.level >= 50);
    expect(fatal.map((line) => line.msg)).toEqual([
      'port 80 on 127.0.0.1 needs privileges this process does not have (ports below 1024 usually do): set PORT to 1024 or above, or 0 for any',
    ]);
    expectNoStack(gateway.output());
  });

  it('says a HOST that is not an address of this machine is one, and which setting to change', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const gateway = start({ PORT: '0', HOST: '192.0.2.1' });
    expect(await gateway.exited).toBe(1);
    const fatal = jsonLines(gateway.output()).filter((line) => line.level >= 50);
    expect(fatal.map((line) => line.msg)).toEqual([
      'HOST 192.0.2.1 is not an address of this machine: set HOST to one of its addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
    ]);
    expectNoStack(gateway.output());
  });

  it.each([
    [{ LOG_FORMAT: 'text' }, 'configuration error: LOG_FORMAT: must be json or pretty (unset: pretty on a terminal, JSON otherwise)'],
    [{ LOG_LEVEL: 'verbose' }, 'configuration error: LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent'],
  ])('stops on %j with the one line %j, before starting anything', async (env, line) => {
    const gateway = start(env);
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toBe(`${line}\n`);
  });
});

describe('logs', SPAWN, () => {
  it('are JSON lines when stdout is not a terminal, demo mode saying each simulator and its fault route in a short line', async () => {
    const gateway = start({ PORT: '0' });
    try {
      await gateway.waitFor(/Dashboard: /);
      const lines = jsonLines(gateway.output());
      for (const line of lines) expect(JSON.stringify(line).length).toBeLessThan(300);
      const simulators = lines.filter((line) => line.provider);
      expect(simulators.map((line) => line.provider)).toEqual(['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ']);
      for (const line of simulators)
        expect(line.msg).toBe(`simulator ${line.provider}: ${line.url} (inject a fault: POST ${line.url}/__simulator/faults)`);
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });

  it('are readable lines with LOG_FORMAT=pretty, and demo mode prints a banner whose URLs work', async () => {
    const gateway = start({ PORT: '0', LOG_FORMAT: 'pretty' });
    try {
      await gateway.waitFor(/Ctrl\+C stops/);
      const output = gateway.output();
      expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: demo mode: /m);
      expect(output).not.toMatch(/"level":|"time":|\d{13}/);
      const [, graphiql] = /^ {2}GraphiQL +(http:\/\/\S+\/graphql)$/m.exec(output) as RegExpExecArray & [string, string];
      const [, dashboard] = /^ {2}Dashboard +(http:\/\/\S+\/)$/m.exec(output) as RegExpExecArray & [string, string];
      expect(output).toMatch(/^ {2}Simulators +inject a fault with POST <simulator>\/__simulator\/faults \(DELETE clears\)$/m);
      const simulators = Object.fromEntries([...output.matchAll(/^ {4}([A-Z]+) +(http:\/\/\S+)$/gm)].map((match) => [match[1], match[2]]));
      expect(Object.keys(simulators)).toEqual(['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ']);
      // Short: a few lines, none longer than a wide terminal.
      const banner = output.slice(output.indexOf('  accounts-gateway, demo mode'));
      expect(banner.trimEnd().split('\n').length).toBeLessThanOrEqual(14);
      for (const line of banner.split('\n')) expect(line.length).toBeLessThanOrEqual(120);

      expect((await fetch(graphiql, { headers: { accept: 'text/html' } })).status).toBe(200);
      expect((await fetch(dashboard)).headers.get('content-type')).toMatch(/^text\/html/);
      const query = () =>
        fetch(graphiql, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ account(id: "taler:alice") { id } }' }),
        }).then((response) => response.json() as Promise<Record<string, any>>);
      expect((await query()).data.account.id).toBe('taler:alice');
      // The banner's example, as a program sends it: Taler answers 503, then DELETE clears it.
      const [, example, faults] = /^ {2}e\.g\. curl -d '(.+)' (http:\/\/\S+\/__simulator\/faults)$/m.exec(output) as RegExpExecArray &
        [string, string, string];
      expect(faults).toBe(`${simulators.TALER}/__simulator/faults`);
      expect((await fetch(faults, { method: 'POST', body: example })).status).toBe(200);
      const failed = await query();
      expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect((await fetch(faults, { method: 'DELETE' })).ok).toBe(true);
      // The live-updates line books a transfer that moves alice's balance.
      const [, transfer, transfers] = /^ {4}curl -d '(\{.*\})' (http:\/\/\S+\/__simulator\/transfers)$/m.exec(output) as RegExpExecArray &
        [string, string, string];
      expect(transfers).toBe(`${simulators.TALER}/__simulator/transfers`);
      expect((await fetch(transfers, { method: 'POST', body: transfer })).status).toBe(200);
      expect((await query()).data.account.id).toBe('taler:alice');
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });
});

// `npm start` as users run it: demo mode on the built-in simulators, and a bad setting that stops start-up.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function start(env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (pattern: RegExp, ms = 15_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const match = pattern.exec(output);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${pattern} in:\n${output}`);
  };
  return { child, exited, waitFor, output: () => output };
}

describe('npm start', () => {
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

// The example app (examples/react-apollo) run as its README says: codegen from the schema by path and by URL, strict
// tsc, a production build, and its component rendered against a running gateway. The README cannot drift from it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import type { ApolloClient } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'examples', 'react-apollo');
const GENERATED = join(EXAMPLE, 'src', 'gql', 'graphql.ts');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
// codegen, tsc and vite on a shared two-core machine: seconds each, much more under load.
const SLOW = 120_000;

interface Run {
  code: number;
  output: string;
}

/** Runs a command in the example's folder; the environment is this process's minus GATEWAY_SCHEMA, plus `env`. */
function run(command: string, args: string[], env: Record<string, string> = {}, cwd = EXAMPLE): Promise<Run> {
  const base = { ...process.env };
  delete base.GATEWAY_SCHEMA;
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...base, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

/** `npm run <script>` in the example, exactly as its README says (the root's node_modules/.bin is on npm's PATH). */
const npmRun = (script: string, env: Record<string, string> = {}) => run('npm', ['run', '--silent', script], env);

describe('examples/react-apollo with the schema by path', () => {
  it('generates typed documents from ../../schema.graphql and typechecks in strict mode', { timeout: SLOW }, async () => {
    await rm(join(EXAMPLE, 'src', 'gql'), { recursive: true, force: true });
    const codegen = await npmRun('codegen');
    expect(codegen.code, codegen.output).toBe(0);
    const generated = await readFile(GENERATED, 'utf8');
    expect(generated).toContain('export const AccountsDocument');
    // Fragment masking is off: the fragment's fields are fields of the query's result, per account type.
    expect(generated).not.toContain('$fragmentRefs');
    const possibleTypes = await readFile(join(EXAMPLE, 'src', 'gql', 'possibleTypes.ts'), 'utf8');
    for (const type of ['ConduitAccount', 'InterledgerAccount', 'MidazAccount', 'StellarAccount', 'TalerAccount'])
      expect(possibleTypes).toContain(`"${type}"`);

    const typecheck = await npmRun('typecheck');
    expect(typecheck.code, typecheck.output).toBe(0);
  });

  it('types Account as a union on __typename: a Stellar field outside the Stellar branch does not compile', { timeout: SLOW }, async () => {
    // Written outside the example, so that nothing is left in it; it imports the generated types by absolute path.
    const dir = await mkdtemp(join(tmpdir(), 'example-types-'));
    try {
      const file = join(dir, 'narrowing.ts');
      await writeFile(
        file,
        [
          `import type { AccountsQuery } from ${JSON.stringify(GENERATED.replace(/\.ts$/, ''))};`,
          `declare const account: NonNullable<AccountsQuery['accounts'][number]>;`,
          `export const narrowed: string | null = account.__typename === 'StellarAccount' ? account.sequence : null;`,
          `export const amount: string | undefined = account.balances[0]?.amount;`,
          `export const unnarrowed = account.sequence;`,
          '',
        ].join('\n'),
      );
      const args = [
        '--noEmit',
        '--strict',
        '--noUncheckedIndexedAccess',
        '--skipLibCheck',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        file,
      ];
      const typecheck = await run(process.execPath, [TSC, ...args], {}, dir);
      expect(typecheck.code).not.toBe(0);
      const errors = typecheck.output.split('\n').filter((line) => line.includes('error TS'));
      // Exactly one error, on line 5, the unnarrowed access; Decimal amounts and the narrowed sequence are strings.
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/narrowing\.ts\(5,\d+\): error TS2339: Property 'sequence' does not exist/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('examples/react-apollo against a running gateway', () => {
  let stack: Stack;
  const firstOf = (prefix: string) => {
    const id = stack.fleet.sampleIds.find((sample) => sample.startsWith(`${prefix}:`));
    if (!id) throw new Error(`no sample ${prefix} account`);
    return id;
  };

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('generates the same documents from the URL of the gateway (introspection) as from schema.graphql', { timeout: SLOW }, async () => {
    const byPath = await npmRun('codegen');
    expect(byPath.code, byPath.output).toBe(0);
    const fromFile = await readFile(GENERATED, 'utf8');

    const byUrl = await npmRun('codegen', { GATEWAY_SCHEMA: `${stack.gateway.url}/graphql` });
    expect(byUrl.code, byUrl.output).toBe(0);
    expect(await readFile(GENERATED, 'utf8')).toBe(fromFile);
  });

  it('builds for production with vite', { timeout: SLOW }, async () => {
    const build = await npmRun('build');
    expect(build.code, build.output).toBe(0);
    expect(await readFile(join(EXAMPLE, 'dist', 'index.html'), 'utf8')).toMatch(
      /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/,
    );
  });

  it('serves the app with `npm run dev` and forwards /graphql to the gateway named by GATEWAY_URL', { timeout: SLOW }, async () => {
    const base = { ...process.env };
    delete base.GATEWAY_SCHEMA;
    // Its own process group, so that ending it ends vite too, and nothing else.
    const child = spawn('npm', ['run', 'dev', '--', '--host', '127.0.0.1', '--port', '0'], {
      cwd: EXAMPLE,
      env: { ...base, GATEWAY_URL: stack.gateway.url, NO_COLOR: '1' },
      detached: true,
    });
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`vite did not start:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += String(chunk);
          const match = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stripVTControlCharacters(output));
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`vite exited with ${code}:\n${output}`)));
      });
      const page = await fetch(`${origin}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="/src/main.tsx">');

      const id = firstOf('taler');
      const answer = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ($ids: [ID!]!) { accounts(ids: $ids) { id __typename } }', variables: { ids: [id] } }),
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ data: { accounts: [{ id, __typename: 'TalerAccount' }] } });
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    }
  });

  it('opens on accounts the demo has (the ids in src/main.tsx)', async () => {
    const main = await readFile(join(EXAMPLE, 'src', 'main.tsx'), 'utf8');
    const ids = [...(/const DEMO_IDS = \[(.*?)\];/s.exec(main)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1]!);
    expect(ids.length).toBeGreaterThan(0);
    const result = await stack.query('query ($ids: [ID!]!) { accounts(ids: $ids) { id } }', { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.accounts).toEqual(ids.map((id) => ({ id })));
  });

  it('renders its Accounts component with the accounts read and a line for the one that failed', { timeout: SLOW }, async () => {
    if (!existsSync(GENERATED)) expect((await npmRun('codegen')).code).toBe(0);
    // Paths in variables: the root typecheck must not follow them into files that exist only after codegen.
    const componentPath = join(EXAMPLE, 'src', 'Accounts.tsx');
    const apolloPath = join(EXAMPLE, 'src', 'apollo.ts');
    const { Accounts } = (await import(componentPath)) as { Accounts: ComponentType<{ ids: string[] }> };
    const { createClient } = (await import(apolloPath)) as { createClient(uri?: string): ApolloClient };

    const ids = [firstOf('taler'), firstOf('stellar'), 'taler:nobody-here', firstOf('midaz')];
    const expected = await stack.query(
      `query ($ids: [ID!]!) { accounts(ids: $ids) { id nativeId displayName balances { amount asset { code } } ... on StellarAccount { sequence } } }`,
      { ids },
    );
    const accounts = expected.data?.accounts as Array<Record<string, any> | null>;
    expect(accounts[2]).toBeNull();
    const failure = expected.errors?.find((error) => error.path?.[1] === 2);
    expect(failure?.message).toBeTruthy();

    const client = createClient(`${stack.gateway.url}/graphql`);
    const tree = createElement(ApolloProvider, { client, children: createElement(Accounts, { ids }) });
    const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
    client.stop();

    expect(result).not.toContain('Loading');
    const items = [...result.matchAll(/<li>(.*?)<\/li>/g)].map((match) => unescape(match[1]!));
    const line = (account: Record<string, any>) =>
      `${account.displayName ?? account.nativeId}: ${account.balances.map((b: any) => `${b.amount} ${b.asset.code}`).join(', ')}`;
    expect(items).toEqual([
      line(accounts[0]!),
      `${line(accounts[1]!)} · sequence ${accounts[1]!.sequence}`,
      `taler:nobody-here could not be read: ${failure!.message}`,
      line(accounts[3]!),
    ]);
    expect(accounts[1]!.sequence).toMatch(/^\d+$/);
  });
});

/** The HTML entities renderToString writes for text. */
function unescape(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// A browser app on its own origin calling the gateway with Apollo Client (Debian's Chromium through playwright-core):
// a page on an origin CORS_ORIGINS lists renders the accounts; the same page on an unlisted origin gets a CORS failure
// from Apollo Client, and the gateway executes nothing. The page is bundled at test time from node_modules with vite's
// build API and served by a tiny Node server on another port, so the test runs offline.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { build, type Rolldown } from 'vite';
import { startStack, type Stack } from './harness.js';
import { TALER_ADMIN_PASSWORD } from '../simulators/taler/fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const API_KEY = 'cors-browser-api-key-0123456789';

/**
 * The browser app: Apollo Client 4 runs the Accounts query against the gateway named in the page's address, with the
 * headers a real app sends (gateway key, a provider credential, client awareness), and renders the accounts or the error.
 */
const APP = `
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { map } from 'rxjs';

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');
let requestId = null;
// X-Request-Id is readable only because the gateway exposes it (Access-Control-Expose-Headers).
const readRequestId = new ApolloLink((operation, forward) =>
  forward(operation).pipe(
    map((result) => {
      requestId = operation.getContext().response?.headers.get('x-request-id') ?? null;
      return result;
    }),
  ),
);
const client = new ApolloClient({
  link: ApolloLink.from([readRequestId, new HttpLink({ uri: params.get('gateway'), headers: JSON.parse(params.get('headers') ?? '{}') })]),
  cache: new InMemoryCache(),
  clientAwareness: { name: 'cors-test-page', version: '1.0.0' },
});
const ACCOUNTS = gql\`
  query Accounts($ids: [ID!]!) {
    accounts(ids: $ids) { id displayName balances { amount asset { code } } }
  }
\`;

async function main() {
  try {
    const { data } = await client.query({ query: ACCOUNTS, variables: { ids: params.getAll('id') } });
    const list = document.createElement('ul');
    list.id = 'accounts';
    for (const account of data.accounts) {
      const item = document.createElement('li');
      item.dataset.id = account.id;
      item.textContent = account.displayName + ': ' + account.balances.map((b) => b.amount + ' ' + b.asset.code).join(', ');
      list.append(item);
    }
    document.body.append(list);
    status.dataset.requestId = requestId ?? '';
    status.textContent = 'loaded';
  } catch (error) {
    status.dataset.error = error.name;
    status.textContent = 'failed: ' + error.message;
  }
  status.dataset.done = 'true';
}
main();
`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Accounts</title><script type="module" src="/app.js"></script></head>
<body><p id="status">loading</p></body></html>`;

/** The app bundled into one ES module from node_modules (Apollo Client, graphql, rxjs), in memory. */
async function bundleApp(): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    mode: 'production',
    plugins: [
      {
        name: 'cors-test-app',
        resolveId: (id: string) => (id === 'virtual:cors-test-app' ? '\0cors-test-app' : null),
        load: (id: string) => (id === '\0cors-test-app' ? APP : null),
      },
    ],
    build: { write: false, minify: false, modulePreload: false, rolldownOptions: { input: 'virtual:cors-test-app', output: { format: 'es' } } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one bundle, got ${chunks.length}`);
  return chunks[0]!.code;
}

/** A static site on 127.0.0.1 at its own port: its own origin, as a frontend's dev server or CDN would be. */
async function serveSite(script: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    else if (path === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let stack: Stack;
/** One demo account of each of three providers, Taler's read with the page's own credential. */
let IDS: string[];
let browser: Browser;
let listed: { server: Server; origin: string };
let unlisted: { server: Server; origin: string };

beforeAll(async () => {
  const script = await bundleApp();
  listed = await serveSite(script);
  unlisted = await serveSite(script);
  stack = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_API_KEYS: API_KEY, CORS_ORIGINS: listed.origin });
  IDS = ['taler:', 'interledger:', 'stellar:'].map((prefix) => stack.fleet.sampleIds.find((id) => id.startsWith(prefix))!);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  for (const site of [listed, unlisted]) if (site) await new Promise((resolve) => site.server.close(resolve));
});

/** Opens the app on a site, pointed at the gateway, and waits until it has rendered the accounts or an error. */
async function openApp(site: { origin: string }): Promise<Page> {
  const page = await browser.newPage();
  const address = new URL(`${site.origin}/`);
  address.searchParams.set('gateway', `${stack.gateway.url}/graphql`);
  address.searchParams.set(
    'headers',
    JSON.stringify({
      'x-api-key': API_KEY,
      'x-taler-authorization': `Basic ${Buffer.from(`admin:${TALER_ADMIN_PASSWORD}`).toString('base64')}`,
      'x-request-id': 'cors-browser-page',
    }),
  );
  for (const id of IDS) address.searchParams.append('id', id);
  await page.goto(address.toString());
  await page.waitForSelector('#status[data-done="true"]', { timeout: 15_000 });
  return page;
}

const graphqlRequestLines = () => stack.logs.filter((line) => line.includes('"msg":"graphql request"')).length;

describe('a browser app on another origin', () => {
  it('renders the accounts through Apollo Client when its origin is listed in CORS_ORIGINS', async () => {
    const expected = await stack.query(
      `query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName balances { amount asset { code } } } }`,
      { ids: IDS },
      { 'x-api-key': API_KEY },
    );
    expect(expected.errors).toBeUndefined();
    stack.fleet.reset();
    const page = await openApp(listed);
    try {
      expect(await page.evaluate(() => location.origin)).toBe(listed.origin);
      expect(listed.origin).not.toBe(new URL(stack.gateway.url).origin);
      expect(await page.locator('#status').textContent()).toBe('loaded');
      const items = page.locator('#accounts li');
      expect(await items.evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.id))).toEqual(IDS);
      for (const account of expected.data!.accounts as Array<{
        id: string;
        displayName: string;
        balances: Array<{ amount: string; asset: { code: string } }>;
      }>) {
        expect(await page.locator(`#accounts li[data-id="${account.id}"]`).textContent()).toBe(
          `${account.displayName}: ${account.balances.map((b) => `${b.amount} ${b.asset.code}`).join(', ')}`,
        );
      }
      // An exposed response header, read by the page: the id it sent comes back.
      expect(await page.locator('#status').getAttribute('data-request-id')).toBe('cors-browser-page');
      expect(stack.fleet.totalRequests()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('gets a CORS failure from Apollo Client on an unlisted origin, and the gateway executes nothing', async () => {
    stack.fleet.reset();
    const before = graphqlRequestLines();
    const page = await openApp(unlisted);
    try {
      expect(await page.locator('#accounts').count()).toBe(0);
      // Chromium's fetch rejects with "TypeError: Failed to fetch"; Apollo Client hands that network error on as it is.
      expect(await page.locator('#status').getAttribute('data-error')).toBe('TypeError');
      expect(await page.locator('#status').textContent()).toMatch(/^failed: Failed to fetch/);
      expect(stack.fleet.totalRequests()).toBe(0);
      expect(graphqlRequestLines()).toBe(before);
      expect(stack.logs.some((line) => line.includes('"reason":"origin not allowed"') && line.includes(unlisted.origin))).toBe(true);
    } finally {
      await page.close();
    }
  });
});

// The dashboard and GraphiQL in a real browser (Debian's Chromium through playwright-core), against the simulators.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack, type Stack } from './harness.js';
import { sumDecimals } from '../src/decimal.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../test-results/', import.meta.url);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let stack: Stack;
let browser: Browser;
const outside: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') outside.push(request.url());
  });
  await page.goto(`${stack.gateway.url}${path}`);
  return page;
}

/** What the dashboard must show, read from the gateway itself. */
async function expectedTotals(): Promise<Map<string, string>> {
  const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { balances { asset { code } amount } } }`, { ids: stack.fleet.sampleIds });
  const amounts = new Map<string, string[]>();
  for (const account of result.data?.accounts ?? []) {
    for (const b of account?.balances ?? []) amounts.set(b.asset.code, [...(amounts.get(b.asset.code) ?? []), b.amount]);
  }
  return new Map([...amounts].map(([code, list]) => [code, sumDecimals(list)]));
}

describe('the dashboard', () => {
  it('shows every demo account of the five providers, with exact balances and totals per asset', async () => {
    const page = await openPage('/');
    await page.locator('li.card').nth(stack.fleet.sampleIds.length - 1).waitFor();
    expect(await page.locator('li.card').count()).toBe(stack.fleet.sampleIds.length);
    expect(await page.locator('li.card.failed').count()).toBe(0);
    for (const provider of ['interledger', 'stellar', 'taler', 'conduit', 'midaz']) {
      expect(await page.locator(`.badge-${provider}`).count()).toBeGreaterThan(0);
    }
    const bob = page.locator('li.card[data-id="taler:bob"]');
    expect(await bob.locator('td.amount').first().textContent()).toBe('-3');

    const totals = await expectedTotals();
    const rows = page.locator('table.totals tbody tr');
    expect(await rows.count()).toBe(totals.size);
    for (const [code, amount] of totals) {
      expect(await page.locator(`table.totals tr[data-asset="${code}"] td.amount`).textContent()).toBe(amount);
    }
    await page.screenshot({ path: new URL('dashboard.png', ARTIFACTS).pathname, fullPage: true });
    await page.close();
  });

  it('shows a clear error for accounts whose provider is down while the others still render', async () => {
    stack.fleet.byProvider.CONDUIT.faults.set({ fault: { kind: 'status', status: 503 } });
    try {
      const page = await openPage('/');
      await page.locator('li.card').nth(stack.fleet.sampleIds.length - 1).waitFor();
      const conduitIds = stack.fleet.sampleIds.filter((id) => id.startsWith('conduit:'));
      expect(await page.locator('li.card.failed').count()).toBe(conduitIds.length);
      const failed = page.locator(`li.card.failed[data-id="${conduitIds[0]}"]`);
      expect(await failed.textContent()).toContain('Conduit answered with HTTP 503.');
      expect(await failed.textContent()).toContain('UPSTREAM_ERROR');
      expect(await page.locator('li.card:not(.failed)').count()).toBe(stack.fleet.sampleIds.length - conduitIds.length);
      await page.screenshot({ path: new URL('dashboard-provider-down.png', ARTIFACTS).pathname, fullPage: true });
      await page.close();
    } finally {
      stack.fleet.byProvider.CONDUIT.faults.clear();
    }
  });

  it('loads the ids a person types, by keyboard alone', async () => {
    const page = await openPage('/');
    await page.locator('li.card').first().waitFor();
    await page.getByLabel('Account ids').fill('taler:alice\nstellar:not-an-id');
    await page.getByLabel('Account ids').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('li.card.failed').waitFor();
    expect(await page.locator('li.card').count()).toBe(2);
    expect(await page.locator('li.card.failed').textContent()).toContain('BAD_USER_INPUT');
    await page.close();
  });
});

describe('GraphiQL', () => {
  it('loads offline and runs the preloaded query', async () => {
    // A fresh gateway: the provider-down test above leaves Conduit's circuit open for a few seconds.
    await stack.close();
    stack = await startStack();
    const page = await openPage('/graphql');
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('"accounts"'), undefined, { timeout: 15_000 });
    const result = (await page.locator('.result-window').textContent()) ?? '';
    expect(result).toContain('"balances"');
    expect(result).not.toContain('"errors"');
    await page.screenshot({ path: new URL('graphiql.png', ARTIFACTS).pathname });
    await page.close();
  });

  it('runs the per-request credentials example with its headers', async () => {
    stack.fleet.reset();
    const page = await openPage('/graphql');
    await page.getByText('TalerAccountAsItsHolder').first().click();
    // Switching tabs refills the editors asynchronously: run only once the tab's own query is in place.
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent?.includes('query TalerAccountAsItsHolder'), undefined, { timeout: 10_000 });
    const isTheExample = (request: import('playwright-core').Request) => request.method() === 'POST' && (request.postData() ?? '').includes('TalerAccountAsItsHolder');
    const run = async () => {
      const [response] = await Promise.all([page.waitForResponse((r) => isTheExample(r.request()), { timeout: 15_000 }), page.locator('.graphiql-execute-button').click()]);
      return { response, body: (await response.json()) as { data?: { account?: { id: string } } } };
    };
    // GraphiQL updates the operation name a moment after the query text; a click inside that moment sends the
    // previous tab's operation name (OPERATION_RESOLUTION_FAILURE). A person never clicks that fast; retry once.
    let { response, body } = await run();
    if (!body.data) {
      await page.waitForTimeout(300);
      ({ response, body } = await run());
    }
    const authorization = `Basic ${Buffer.from('alice:alice-password').toString('base64')}`;
    expect(response.request().headers()['x-taler-authorization']).toBe(authorization);
    expect(body.data?.account?.id, JSON.stringify(body).slice(0, 300)).toBe('taler:alice');
    expect(stack.fleet.byProvider.TALER.requests.map((r) => r.headers.authorization)).toContain(authorization);
    await page.close();
  });
});

describe('network', () => {
  it('made no request outside localhost', () => {
    expect(outside).toEqual([]);
  });
});

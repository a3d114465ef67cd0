// The registry is the only list of providers: every per-provider table of the gateway is derived from it and covers
// exactly its keys, and the compiler refuses a registry or identity that is incomplete (the @ts-expect-error lines
// below fail `npm run typecheck` the day they stop being errors).
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { isEnumType, type GraphQLSchema } from 'graphql';
import type { AccountProvider } from '../generated/resolvers-types.js';
import { IDENTITIES, PROVIDERS, identityOf, labelOf, providers, type ProviderModules } from './index.js';
import type { ProviderIdentity } from './types.js';
import { GLOBAL_ID_PREFIXES, formatGlobalId, globalIdPrefix, splitGlobalId } from '../ids.js';
import { isDemo, loadConfig } from '../config.js';
import { SECRET_VARIABLES, urlVariable } from './config.js';
import { callerCredentials, CREDENTIAL_REQUEST_HEADERS } from '../credentials.js';
import { REDACTED_PATHS } from '../logger.js';
import { buildSchema } from '../schema.js';
import { createCoreResolvers } from '../resolvers.js';
import { exampleTabs } from '../playground/examples.js';
import { Readiness } from '../ops/readiness.js';
import { memoryStore } from '../cache/store.js';
import { createRequestContext } from '../context.js';
import { CursorCodec } from '../cursor.js';
import generatedPossibleTypes from '../../client/gql/possibleTypes.js';

const sorted = (values: Iterable<string>) => [...values].sort();
const KEYS = sorted(Object.keys(providers));

/** An environment where every variable a provider declares is set (secrets to a recognisable value). */
const fullEnv = (identity: ProviderIdentity) =>
  Object.fromEntries(
    Object.entries(identity.variables).map(([name, variable]) => [
      name,
      variable.secret ? `SECRET-${name}` : name.endsWith('_URL') ? 'http://127.0.0.1:9/' : 'admin',
    ]),
  );

/** Calls `read` with an environment that records every variable it reads. */
function variablesRead(read: (env: Readonly<Record<string, string | undefined>>) => unknown, values: Record<string, string> = {}): string[] {
  const names = new Set<string>();
  read(new Proxy(values, { get: (target, name: string) => (names.add(name), target[name]) }));
  return [...names];
}

describe('the provider registry', () => {
  it('holds one module per AccountProvider value of the schema, each under its own value', () => {
    const schema: GraphQLSchema = buildSchema({ maxIdsPerRequest: 100 });
    const enumType = schema.getType('AccountProvider');
    expect(isEnumType(enumType) && sorted(enumType.getValues().map((value) => value.name))).toEqual(KEYS);
    for (const provider of PROVIDERS) expect(identityOf(provider).provider).toBe(provider);
    expect(sorted(IDENTITIES.map((identity) => identity.provider))).toEqual(KEYS);
  });

  it('gives each provider a distinct label and account type, and the schema exactly those types as Account', () => {
    const schema = buildSchema({ maxIdsPerRequest: 100 });
    const typenames = IDENTITIES.map((identity) => identity.typename);
    expect(new Set(typenames).size).toBe(KEYS.length);
    expect(new Set(IDENTITIES.map((identity) => identity.label)).size).toBe(KEYS.length);
    expect(sorted(schema.getPossibleTypes(schema.getType('Account') as never).map((type) => type.name))).toEqual(sorted(typenames));
    const resolveType = (createCoreResolvers(100).Account as { __resolveType: (account: { provider: AccountProvider }) => string }).__resolveType;
    for (const identity of IDENTITIES) expect(resolveType({ provider: identity.provider })).toBe(identity.typename);
  });

  it('gives the web client’s cache exactly the registry’s account types as Account, and those with the activity types as Node (generated possibleTypes)', () => {
    const typenames = sorted(IDENTITIES.map((identity) => identity.typename));
    const schema = buildSchema({ maxIdsPerRequest: 100 });
    const activityTypes = sorted(schema.getPossibleTypes(schema.getType('AccountActivity') as never).map((type) => type.name));
    expect(sorted(generatedPossibleTypes.possibleTypes.Account ?? [])).toEqual(typenames);
    expect(sorted(generatedPossibleTypes.possibleTypes.AccountActivity ?? [])).toEqual(activityTypes);
    expect(sorted(generatedPossibleTypes.possibleTypes.Node ?? [])).toEqual(sorted([...typenames, ...activityTypes]));
  });

  it('has a codegen mapper line for each account type, and no other', () => {
    const mapped = [
      ...readFileSync(new URL('../../codegen.yml', import.meta.url), 'utf8').matchAll(/^\s+(\w+): \.\.\/providers\/\w+\/model\.js#\w+$/gm),
    ].map((match) => match[1]!);
    expect(sorted(mapped)).toEqual(sorted(IDENTITIES.map((identity) => identity.typename)));
  });
});

describe('tables derived from the registry', () => {
  it('global ids: the prefixes are exactly the registry’s, each its provider in lower case', () => {
    expect(sorted(GLOBAL_ID_PREFIXES)).toEqual(sorted(IDENTITIES.map((identity) => identity.prefix)));
    for (const identity of IDENTITIES) {
      expect(identity.prefix).toBe(globalIdPrefix(identity.provider));
      expect(splitGlobalId(`${identity.prefix}:x`)).toEqual({ provider: identity.provider, nativeId: 'x' });
      expect(formatGlobalId(identity.provider, 'x')).toBe(`${identity.prefix}:x`);
    }
  });

  it('configuration: each provider is turned on by its own URL variable, and demo mode is on only without any', () => {
    const everyUrl = Object.fromEntries(PROVIDERS.map((provider) => [urlVariable(provider), 'http://127.0.0.1:9/']));
    expect(sorted(Object.keys(loadConfig({ ...everyUrl, GATEWAY_AUTH: 'none' }).providers))).toEqual(KEYS);
    expect(isDemo({})).toBe(true);
    for (const provider of PROVIDERS) {
      expect(Object.keys(loadConfig({ [urlVariable(provider)]: 'http://127.0.0.1:9/', GATEWAY_AUTH: 'none' }).providers)).toEqual([provider]);
      expect(isDemo({ [urlVariable(provider)]: 'http://127.0.0.1:9/' })).toBe(false);
      expect(Object.keys(identityOf(provider).variables)).toContain(urlVariable(provider));
    }
  });

  it('variables: each provider declares only its own, and reads no variable it does not declare', () => {
    for (const identity of IDENTITIES) {
      const declared = Object.keys(identity.variables);
      for (const name of declared) expect(name.startsWith(`${identity.provider}_`)).toBe(true);
      for (const env of [{}, fullEnv(identity)]) {
        expect(declared).toEqual(expect.arrayContaining(variablesRead(identity.configuredHeaders, env)));
        expect(declared).toEqual(expect.arrayContaining(variablesRead(identity.defaults.listThreshold, env)));
      }
    }
    expect(sorted(SECRET_VARIABLES)).toEqual(
      sorted(
        IDENTITIES.flatMap((identity) =>
          Object.entries(identity.variables)
            .filter(([, variable]) => variable.secret)
            .map(([name]) => name),
        ),
      ),
    );
  });

  it('secrets: every header carrying a secret variable is one of the provider’s credential headers', () => {
    for (const identity of IDENTITIES) {
      const headers = identity.configuredHeaders(fullEnv(identity));
      const secretValues = Object.entries(fullEnv(identity))
        .filter(([name]) => identity.variables[name as never]?.secret)
        .map(([, value]) => value);
      for (const [name, value] of Object.entries(headers)) {
        const decoded = value.startsWith('Basic ') ? Buffer.from(value.slice(6), 'base64').toString('utf8') : value;
        if (secretValues.some((secret) => decoded.includes(secret))) expect(identity.credentialHeaders).toContain(name);
      }
      for (const [, upstream] of identity.callerHeaders) expect(identity.credentialHeaders).toContain(upstream);
    }
  });

  it('a gateway open to local processes warns when any provider’s secret variable is set', () => {
    for (const name of SECRET_VARIABLES) {
      const provider = PROVIDERS.find((candidate) => name.startsWith(`${candidate}_`))!;
      const config = loadConfig({ [urlVariable(provider)]: 'http://127.0.0.1:9/', [name]: 'x' });
      expect(config.warnings).toEqual([expect.stringMatching(/no gateway authentication/)]);
    }
  });

  it('caller credentials: every provider’s caller headers are read, and nothing else', () => {
    const sent = Object.fromEntries(IDENTITIES.flatMap((identity) => identity.callerHeaders.map(([request]) => [request, [`value-of-${request}`]])));
    const credentials = callerCredentials(sent);
    expect(sorted(Object.keys(credentials))).toEqual(
      sorted(IDENTITIES.filter((identity) => identity.callerHeaders.length > 0).map((identity) => identity.provider)),
    );
    for (const identity of IDENTITIES) {
      for (const [request, upstream] of identity.callerHeaders) expect(credentials[identity.provider]?.[upstream]).toBe(`value-of-${request}`);
    }
    expect(sorted(CREDENTIAL_REQUEST_HEADERS)).toEqual(sorted(IDENTITIES.flatMap((identity) => identity.callerHeaders.map(([request]) => request))));
  });

  it('logs: redact every provider’s credentials wherever the gateway logs headers', () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }),
    );
    for (const identity of IDENTITIES) {
      const headers = identity.configuredHeaders(fullEnv(identity));
      const sent = Object.fromEntries(identity.callerHeaders.map(([request]) => [request, 'SECRET-caller']));
      logger.info({ headers });
      logger.info({ upstream: { headers } });
      logger.info({ req: { headers: sent } });
      logger.info({ config: { providers: { [identity.provider]: { headers } } } });
    }
    expect(lines.join('')).not.toMatch(/SECRET-|Basic |Bearer /);
  });

  it('logs: keep redacting every path redacted before the registry existed', () => {
    expect(REDACTED_PATHS).toEqual(
      expect.arrayContaining([
        'headers.authorization',
        'headers["x-api-key"]',
        'headers["x-api-secret"]',
        '*.headers.authorization',
        '*.headers["x-api-key"]',
        '*.headers["x-api-secret"]',
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-taler-authorization"]',
        'req.headers["x-interledger-authorization"]',
        'req.headers["x-midaz-authorization"]',
        'req.headers["x-conduit-api-key"]',
        'req.headers["x-conduit-api-secret"]',
        'req.headers.cookie',
        'config.providers.*.headers',
        'config.tracing.headers',
      ]),
    );
  });

  it('simulators: each identity names its own simulator under simulators/', () => {
    expect(new Set(IDENTITIES.map((identity) => identity.simulator)).size).toBe(KEYS.length);
    for (const identity of IDENTITIES) expect(existsSync(new URL(`../../simulators/${identity.simulator}/simulator.ts`, import.meta.url))).toBe(true);
  });

  it('readiness and GraphiQL: one entry per provider', async () => {
    expect(sorted(Object.keys((await new Readiness({}, memoryStore(10)).report()).providers))).toEqual(KEYS);
    const samples = IDENTITIES.map((identity) => `${identity.prefix}:sample`);
    expect(exampleTabs(samples).filter((tab) => /^query \w+Account\(/.test(tab.query))).toHaveLength(KEYS.length);
  });

  it('messages: a provider that is not configured is named by its label', () => {
    const ctx = createRequestContext({
      registry: providers,
      clients: {},
      sourceOptions: () => ({ dedupe: true, listThreshold: 0 }),
      cursors: new CursorCodec('registry-test'),
    });
    for (const provider of PROVIDERS) {
      expect(() => ctx.client(provider)).toThrow(`${labelOf(provider)} is not configured on this gateway.`);
    }
  });
});

// Type-level: what the compiler refuses. Never run; `npm run typecheck` fails if one of these stops being an error.
export function refusedByTheCompiler(): void {
  const { MIDAZ: _midaz, ...withoutMidaz } = providers;
  // @ts-expect-error a registry without one provider's module
  const _partial: ProviderModules = withoutMidaz;
  // @ts-expect-error a module registered under another provider's value
  const _swapped: ProviderModules = { ...providers, STELLAR: providers.TALER };
  const { label: _label, ...withoutLabel } = identityOf('TALER');
  // @ts-expect-error an identity without its label
  const _incomplete: ProviderIdentity<'TALER'> = withoutLabel;
  // @ts-expect-error a prefix that is not the provider's value in lower case
  const _prefix: ProviderIdentity<'TALER'> = { ...identityOf('TALER'), prefix: 'bank' };
  // @ts-expect-error an account type the schema does not have
  const _typename: ProviderIdentity<'TALER'> = { ...identityOf('TALER'), typename: 'BankAccount' };
  // @ts-expect-error a variable named after another provider
  const _variable: ProviderIdentity<'TALER'> = { ...identityOf('TALER'), variables: { STELLAR_TOKEN: { description: 'x', secret: true } } };
}

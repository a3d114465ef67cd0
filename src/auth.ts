// Gateway access: who the caller is (API key or JWT bearer token: HS256 secret or JWKS) and what its scopes allow.
// Checked before any resolver runs; the caller's id (never its key or token) goes to every log line of its request.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { requestLogger, scopeOf } from './ops/requestScope.js';

/** `accounts:read` allows queries; `accounts:write` allows mutations (and queries). */
export const Scope = { Read: 'accounts:read', Write: 'accounts:write' } as const;

export interface AuthConfig {
  /** Read-only API keys (sent as `X-Api-Key` or `Authorization: Bearer <key>`): scope `accounts:read`. */
  apiKeys: readonly string[];
  /** API keys with `accounts:read` and `accounts:write`. */
  writeApiKeys: readonly string[];
  /** HS256 secret for JWT bearer tokens. */
  jwtSecret?: string;
  /** JWKS URL for JWT bearer tokens signed with asymmetric keys (audience and issuer are then required). */
  jwksUrl?: URL;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Scopes (space-separated) of a token that carries neither `scope` nor `scp`; unset refuses such tokens. */
  jwtDefaultScope?: string;
  /** Longest accepted token lifetime, in seconds (`exp` − `iat`, or `exp` − now without `iat`). */
  jwtMaxLifetimeSeconds: number;
}

/** Who is calling, as logs and limits name it, and what it may do. */
export interface Caller {
  /** `key:<8 hex of the key's SHA-256>`, `jwt:<sub>`, or `address:<ip>` on an open gateway. Never a secret. */
  id: string;
  scopes: ReadonlySet<string>;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by requireAuthentication (or the open gateway's stand-in) before GraphQL runs. */
      caller?: Caller;
    }
  }
}

export const isAuthEnabled = (auth: AuthConfig): boolean =>
  auth.apiKeys.length > 0 || auth.writeApiKeys.length > 0 || !!auth.jwtSecret || !!auth.jwksUrl;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** An API key's public id: the first 8 hex digits of its SHA-256 (keys are at least 16 random characters). */
export const keyId = (key: string): string => `key:${digest(key).toString('hex').slice(0, 8)}`;

/** Largest JWKS document read, in bytes; larger answers are refused without being read whole. */
export const MAX_JWKS_BYTES = 256 * 1024;
/** After a failed JWKS fetch, tokens with unknown keys are refused for this long before the next try. */
export const JWKS_FAILURE_COOLDOWN_MS = 30_000;

/** Why a credential was refused: logged (at info), and answered as 401. */
class Refusal extends Error {}

/** What a request presents: its `X-Api-Key` and `Authorization` values (a WebSocket's `connection_init` may carry them). */
export interface Presented {
  apiKey?: string | undefined;
  authorization?: string | undefined;
}

/** Checks presented credentials: the caller they name, or why they are refused. */
export type Authenticate = (presented: Presented) => Promise<{ caller: Caller } | { reason: string }>;

/** The gateway's check of API keys and bearer tokens (keys compared in constant time, tokens verified). */
export function authenticator(auth: AuthConfig): Authenticate {
  const keys = [
    ...auth.apiKeys.map((key) => ({ digest: digest(key), caller: { id: keyId(key), scopes: new Set<string>([Scope.Read]) } })),
    ...auth.writeApiKeys.map((key) => ({ digest: digest(key), caller: { id: keyId(key), scopes: new Set<string>([Scope.Read, Scope.Write]) } })),
  ];
  const byKey = (candidate: string): Caller | undefined => {
    const candidateDigest = digest(candidate);
    let found: Caller | undefined;
    // Compare with every key, so the time taken does not tell which one matched.
    for (const key of keys) if (timingSafeEqual(key.digest, candidateDigest)) found = key.caller;
    return found;
  };
  const verifyJwt = jwtVerifier(auth);

  return async ({ apiKey, authorization }) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    try {
      const caller = (apiKey && byKey(apiKey)) || (bearer && (byKey(bearer) ?? (await verifyJwt(bearer))));
      if (caller) return { caller };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { reason: error.message };
    }
    return { reason: apiKey || bearer ? 'invalid credentials' : 'no credentials' };
  };
}

/** Express middleware: sets `res.locals.caller`, or answers 401 to a request without a valid API key or token. */
export function requireAuthentication(auth: AuthConfig, logger: Logger): RequestHandler {
  const authenticate = authenticator(auth);
  return async (req, res, next) => {
    const outcome = await authenticate({ apiKey: req.header('x-api-key'), authorization: req.header('authorization') });
    if ('caller' in outcome) {
      res.locals.caller = outcome.caller;
      return next();
    }
    requestLogger(logger, scopeOf(res)).info({ reason: outcome.reason, path: req.path }, 'request refused');
    res
      .status(401)
      .set('www-authenticate', 'Bearer')
      .json({ errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }] });
  };
}

export const UNAUTHENTICATED_MESSAGE = 'Authentication required: send a valid X-Api-Key or a bearer token.';

/** The caller of an open gateway (GATEWAY_AUTH=none, demo mode): named by address, allowed everything. */
export const openCaller = (address: string | undefined): Caller => ({
  id: `address:${address ?? 'unknown'}`,
  scopes: new Set([Scope.Read, Scope.Write]),
});

/**
 * The caller a token names: `jwt:<sub>` for a plain subject of at most 128 printable characters; otherwise (no `sub`,
 * or a long or odd one) `jwt#<8 hex of the token's SHA-256>`, so tokens without a subject never share one identity
 * (for the rate limit, the audit) and no two subjects collide by truncation.
 */
function tokenCallerId(token: string, payload: JWTPayload): string {
  const sub = payload.sub;
  if (typeof sub === 'string' && /^[\x21-\x7e]{1,128}$/.test(sub)) return `jwt:${sub}`;
  return `jwt#${digest(token).toString('hex').slice(0, 8)}`;
}

/** A token's scopes: `scope` (space-separated) or `scp` (array or string), else the configured default. */
function scopesOf(payload: JWTPayload, defaultScope: string | undefined): Set<string> {
  const { scope, scp } = payload as { scope?: unknown; scp?: unknown };
  const listed = typeof scope === 'string' ? scope.split(' ') : Array.isArray(scp) ? scp : typeof scp === 'string' ? scp.split(' ') : undefined;
  if (listed === undefined) {
    if (defaultScope === undefined) throw new Refusal('token carries no scope');
    return withImpliedRead(new Set(defaultScope.split(' ').filter(Boolean)));
  }
  return withImpliedRead(new Set(listed.filter((item): item is string => typeof item === 'string' && item !== '')));
}

/** Write implies read, as for write keys: `accounts:write` or `accounts:write:<provider>` adds `accounts:read`. */
function withImpliedRead(scopes: Set<string>): Set<string> {
  if ([...scopes].some((scope) => scope === Scope.Write || scope.startsWith(`${Scope.Write}:`))) scopes.add(Scope.Read);
  return scopes;
}

/** jose, loaded with the first token: a deployment on API keys alone never loads it. */
async function jwtKeys(auth: AuthConfig) {
  const { createRemoteJWKSet, customFetch, jwtVerify } = await import('jose');
  const keys: Array<{ key: Uint8Array | JWTVerifyGetKey; algorithms?: string[] }> = [];
  if (auth.jwtSecret) keys.push({ key: new TextEncoder().encode(auth.jwtSecret), algorithms: ['HS256'] });
  if (auth.jwksUrl) keys.push({ key: createRemoteJWKSet(auth.jwksUrl, { timeoutDuration: 5_000, [customFetch]: cappedFetch() }) });
  return { keys, jwtVerify };
}

function jwtVerifier(auth: AuthConfig): (token: string) => Promise<Caller | undefined> {
  let loaded: ReturnType<typeof jwtKeys> | undefined;
  const options = {
    requiredClaims: ['exp'],
    ...(auth.jwtIssuer ? { issuer: auth.jwtIssuer } : {}),
    ...(auth.jwtAudience ? { audience: auth.jwtAudience } : {}),
  };
  return async (token) => {
    const { keys, jwtVerify } = await (loaded ??= jwtKeys(auth));
    for (const { key, algorithms } of keys) {
      let payload: JWTPayload;
      try {
        payload = (
          key instanceof Uint8Array
            ? await jwtVerify(token, key, { ...options, ...(algorithms ? { algorithms } : {}) })
            : await jwtVerify(token, key, options)
        ).payload;
      } catch {
        continue; // try the next key source
      }
      const lifetime = (payload.exp ?? 0) - (payload.iat ?? Math.floor(Date.now() / 1000));
      if (lifetime > auth.jwtMaxLifetimeSeconds) throw new Refusal('token lifetime above the maximum');
      return {
        id: tokenCallerId(token, payload),
        scopes: scopesOf(payload, auth.jwtDefaultScope),
      };
    }
    return undefined;
  };
}

/**
 * The JWKS fetch: at most MAX_JWKS_BYTES read (a larger answer fails without being read whole), and after a failure
 * no new fetch for JWKS_FAILURE_COOLDOWN_MS, so tokens with unknown keys cannot make the gateway fetch on every request.
 */
export function cappedFetch(maxBytes = MAX_JWKS_BYTES, cooldownMs = JWKS_FAILURE_COOLDOWN_MS): typeof fetch {
  let failedAt = -Infinity;
  return async (input, init) => {
    if (performance.now() - failedAt < cooldownMs) throw new Error('JWKS fetch cooling down after a failure');
    try {
      const response = await fetch(input, { ...init, redirect: 'error' });
      if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBytes) throw new Error('JWKS answer too large');
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body ?? []) {
        size += (chunk as Uint8Array).byteLength;
        if (size > maxBytes) throw new Error('JWKS answer too large');
        chunks.push(chunk as Uint8Array);
      }
      return new Response(Buffer.concat(chunks), { status: response.status, headers: response.headers });
    } catch (error) {
      failedAt = performance.now();
      throw error;
    }
  };
}

// Gateway access: API keys and/or JWT bearer tokens (HS256 secret or JWKS), checked before any resolver runs.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { requestLogger, scopeOf } from './ops/requestScope.js';

export interface AuthConfig {
  /** Accepted API keys (sent as `X-Api-Key` or `Authorization: Bearer <key>`). */
  apiKeys: readonly string[];
  /** HS256 secret for JWT bearer tokens. */
  jwtSecret?: string;
  /** JWKS URL for JWT bearer tokens signed with asymmetric keys. */
  jwksUrl?: URL;
  jwtIssuer?: string;
  jwtAudience?: string;
}

export const isAuthEnabled = (auth: AuthConfig): boolean => auth.apiKeys.length > 0 || !!auth.jwtSecret || !!auth.jwksUrl;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Express middleware answering 401 to any request without a valid API key or token. */
export function requireAuthentication(auth: AuthConfig, logger: Logger): RequestHandler {
  const keyDigests = auth.apiKeys.map(digest);
  const matchesKey = (candidate: string) => {
    const candidateDigest = digest(candidate);
    return keyDigests.some((key) => timingSafeEqual(key, candidateDigest));
  };
  const verifyJwt = jwtVerifier(auth);

  return async (req, res, next) => {
    const apiKey = req.header('x-api-key');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if ((apiKey && matchesKey(apiKey)) || (bearer && (matchesKey(bearer) || (await verifyJwt(bearer))))) return next();
    requestLogger(logger, scopeOf(res)).info({ reason: apiKey || bearer ? 'invalid credentials' : 'no credentials', path: req.path }, 'request refused');
    res
      .status(401)
      .set('www-authenticate', 'Bearer')
      .json({ errors: [{ message: 'Authentication required: send a valid X-Api-Key or a bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] });
  };
}

function jwtVerifier(auth: AuthConfig): (token: string) => Promise<boolean> {
  const keys: Array<Uint8Array | JWTVerifyGetKey> = [];
  if (auth.jwtSecret) keys.push(new TextEncoder().encode(auth.jwtSecret));
  if (auth.jwksUrl) keys.push(createRemoteJWKSet(auth.jwksUrl));
  const options = {
    ...(auth.jwtIssuer ? { issuer: auth.jwtIssuer } : {}),
    ...(auth.jwtAudience ? { audience: auth.jwtAudience } : {}),
  };
  return async (token) => {
    for (const key of keys) {
      try {
        if (key instanceof Uint8Array) await jwtVerify(token, key, { ...options, algorithms: ['HS256'] });
        else await jwtVerify(token, key, options);
        return true;
      } catch {
        // try the next key source
      }
    }
    return false;
  };
}

// Structured JSON logs (pino) with every credential-bearing field redacted.
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
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
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'accounts-gateway' } });
}

// An upstream client for tests that talk to one simulator directly, with the gateway's own settings.
import { pino, type Logger } from 'pino';
import type { AccountProvider } from '../../src/generated/resolvers-types.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { identityOf } from '../../src/providers/index.js';

export function testClient(
  provider: AccountProvider,
  url: string,
  headers: Readonly<Record<string, string>> = {},
  logger: Logger = pino({ level: 'silent' }),
): UpstreamClient {
  const { label, acceptsRequestId } = identityOf(provider);
  return new UpstreamClient({
    provider,
    label,
    acceptsRequestId,
    baseUrl: new URL(url),
    timeoutMs: 2000,
    headers,
    maxBodyBytes: 5_000_000,
    maxConnections: 8,
    logger,
  });
}

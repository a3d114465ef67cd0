// Listening and graceful shutdown: starts a built gateway's HTTP server, and stops it in order on SIGINT/SIGTERM
// (readyz 503, drain, close pools, Redis and the tracer, then exit).
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Gateway } from './server.js';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Graceful shutdown (see Gateway.close); the listener closes once in-flight requests are done. Idempotent. */
  close(): Promise<void>;
}

/** Listens on the config's port and host (port 0 picks a free one); resolves once the gateway accepts queries. */
export async function listen(gateway: Gateway): Promise<RunningGateway> {
  const { config, httpServer, logger } = gateway;
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, providers: Object.keys(config.providers), metrics: config.metrics, traces: gateway.traces }, 'gateway listening');
  return { url, close: () => gateway.close() };
}

export interface ShutdownOptions {
  logger: Logger;
  /** The gateway's shutdown settings: how long /readyz answers 503 first, then how long in-flight requests may take. */
  shutdown: { delayMs: number; timeoutMs: number };
  /** Runs after the gateway has closed, before the process exits (demo mode stops its simulators). */
  afterClose?: () => Promise<void>;
}

/**
 * Graceful on SIGINT and SIGTERM: readyz 503, drain, close pools and Redis, flush traces, exit 0; past the time limit,
 * exit 1. Repeated signals are ignored (SIGKILL stops at once).
 */
export function stopOnSignals(gateway: RunningGateway, { logger, shutdown: limits, afterClose }: ShutdownOptions): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, delayMs: limits.delayMs, timeoutMs: limits.timeoutMs }, 'shutting down: /readyz answers 503, in-flight requests drain');
    setTimeout(
      () => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      },
      limits.delayMs + limits.timeoutMs + 5_000,
    ).unref();
    await gateway.close();
    await afterClose?.();
    logger.info('shut down cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

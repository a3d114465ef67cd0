// Listening and graceful shutdown: starts a built gateway's HTTP server (a port it cannot take is one line naming the
// setting), and stops it in order on SIGINT/SIGTERM (readyz 503, drain, close pools, Redis and the tracer, then exit).
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Gateway } from './server.js';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Graceful shutdown (see Gateway.close); the listener closes once in-flight requests are done. Idempotent. */
  close(): Promise<void>;
}

/** A start-up failure that a setting fixes: its message is one line naming the setting, with no stack worth printing. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** What a listen error means for whoever set HOST and PORT, as one line naming the setting to change. */
export function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): StartupError {
  const where = `port ${port} on ${host}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(`${where} is in use: set PORT to a free port, or 0 for any`);
    case 'EACCES':
    case 'EPERM':
      return new StartupError(
        `${where} needs privileges this process does not have (ports below 1024 usually do): set PORT to 1024 or above, or 0 for any`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `HOST ${host} is not an address of this machine: set HOST to one of its addresses, 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new StartupError(`HOST ${host} does not resolve to an address: set HOST to an IP address or a name this machine resolves`);
    default:
      return new StartupError(`cannot listen on ${where} (${error.code ?? error.message}): check HOST and PORT`);
  }
}

/**
 * Listens on the config's port and host (port 0 picks a free one); resolves once the gateway accepts queries, rejects
 * with a StartupError naming HOST or PORT when it cannot listen.
 */
export async function listen(gateway: Gateway): Promise<RunningGateway> {
  const { config, httpServer, logger } = gateway;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenFailure(error, config.host, config.port));
    httpServer.once('error', failed);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', failed);
      resolve();
    });
  });
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

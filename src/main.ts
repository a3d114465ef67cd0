// The entry point: the only file that reads process.env and listens. With no provider URL set, runs demo mode.
import { ConfigError, isDemo, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startGateway } from './server.js';
import type { SimulatorFleet } from '../simulators/index.js';

async function main(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL || 'info');
  let env: Record<string, string | undefined> = process.env;
  let fleet: SimulatorFleet | undefined;
  if (isDemo(env)) {
    // Loaded only here, so a production process never loads a simulator.
    const { startSimulators } = await import('../simulators/index.js');
    fleet = await startSimulators();
    env = { GATEWAY_AUTH: env.GATEWAY_API_KEYS || env.GATEWAY_JWT_SECRET || env.GATEWAY_JWKS_URL ? undefined : 'none', ...env, ...fleet.env };
    logger.info(
      { simulators: Object.fromEntries(Object.entries(fleet.byProvider).map(([provider, sim]) => [provider, sim.url])) },
      'demo mode: no provider URL is set, so the built-in simulators of all five providers are running and the gateway points at them' +
        (env.GATEWAY_AUTH === 'none' ? '; gateway authentication is off (demo mode is exempt)' : ''),
    );
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal(`configuration error: ${error.message}`);
      await fleet?.close();
      process.exit(1);
    }
    throw error;
  }
  for (const warning of config.warnings) logger.warn(warning);

  const gateway = await startGateway(config, { logger, sampleIds: fleet?.sampleIds ?? [] });
  logger.info(`GraphQL endpoint: ${gateway.url}/graphql${config.playground ? ` (open it in a browser for GraphiQL)` : ''}`);
  if (config.dashboard) logger.info(`Dashboard: ${gateway.url}/`);

  // Graceful: readyz 503, drain, close pools and Redis, flush traces, exit 0; past the time limit, exit 1.
  // Repeated signals are ignored (SIGKILL stops at once).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, delayMs: config.shutdown.delayMs, timeoutMs: config.shutdown.timeoutMs }, 'shutting down: /readyz answers 503, in-flight requests drain');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdown.delayMs + config.shutdown.timeoutMs + 5_000).unref();
    await gateway.close();
    await fleet?.close();
    logger.info('shut down cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

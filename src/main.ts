// The entry point: the only file that reads process.env; builds the gateway and listens (listen.ts). With no provider URL set, runs demo mode.
import { ConfigError, isDemo, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createGateway } from './server.js';
import { listen, stopOnSignals } from './listen.js';
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

  const gateway = await listen(await createGateway(config, { logger, sampleIds: fleet?.sampleIds ?? [] }));
  logger.info(`GraphQL endpoint: ${gateway.url}/graphql${config.playground ? ` (open it in a browser for GraphiQL)` : ''}`);
  if (config.dashboard) logger.info(`Dashboard: ${gateway.url}/`);
  stopOnSignals(gateway, { logger, shutdown: config.shutdown, afterClose: async () => fleet?.close() });
}

main().catch((error: unknown) => {
  console.error('gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

// The entry point: the only file that reads process.env; builds the gateway and listens (listen.ts). With no provider URL set, runs demo mode.
// A start-up failure is one line (the setting to change, never a stack) and exit code 1, with the simulators stopped.
import type { Logger } from 'pino';
import { isAuthEnabled } from './auth.js';
import { ConfigError, isDemo, loadConfig, type GatewayConfig } from './config.js';
import { createLogger, logFormat, logLevel, type LogFormat } from './logger.js';
import { createGateway } from './server.js';
import { listen, StartupError, stopOnSignals } from './listen.js';
import type { SimulatorFleet } from '../simulators/index.js';

/** The simulators' fault route (simulators/shared/faults.ts): POST a rule, DELETE to clear. */
const FAULTS = '/__simulator/faults';
/** The Taler simulator's route that books a transfer (simulators/taler/simulator.ts): what live updates show in demo mode. */
const TALER_TRANSFERS = '/__simulator/transfers';

/** Demo mode's banner for a terminal: where to click, and where faults go. A few lines, plain text. */
function demoBanner(url: string, config: GatewayConfig, fleet: SimulatorFleet): string {
  const simulators = Object.entries(fleet.byProvider);
  const width = Math.max(...simulators.map(([provider]) => provider.length));
  const example = simulators.find(([provider]) => provider === 'TALER') ?? simulators[0];
  const taler = fleet.byProvider.TALER;
  return [
    '',
    `  accounts-gateway, demo mode${isAuthEnabled(config.auth) ? '' : ' (gateway authentication off)'}`,
    `  ${(config.playground ? 'GraphiQL' : 'GraphQL').padEnd(11)}  ${url}/graphql`,
    ...(config.dashboard ? [`  ${'Dashboard'.padEnd(11)}  ${url}/`] : []),
    `  Simulators   inject a fault with POST <simulator>${FAULTS} (DELETE clears)`,
    ...simulators.map(([provider, sim]) => `    ${provider.padEnd(width)}  ${sim.url}`),
    ...(example ? [`  e.g. curl -d '{"fault":{"kind":"status","status":503}}' ${example[1].url}${FAULTS}`] : []),
    ...(taler && config.live.enabled
      ? [
          `  Live         record a transfer and watch the dashboard (or a subscription in GraphiQL) change:`,
          `    curl -d '{"debtor":"bob","creditor":"alice","amount":"EUR:1.5"}' ${taler.url}${TALER_TRANSFERS}`,
        ]
      : []),
    '  Ctrl+C stops the gateway and the simulators.',
    '',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let logger: Logger;
  let format: LogFormat;
  try {
    format = logFormat(process.env.LOG_FORMAT, process.stdout.isTTY === true);
    logger = createLogger({ level: logLevel(process.env.LOG_LEVEL), format });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    process.exit(1);
  }

  let env: Record<string, string | undefined> = process.env;
  let fleet: SimulatorFleet | undefined;
  /** Stops start-up: the one line, the simulators stopped, exit 1. */
  const fail = async (line: string): Promise<never> => {
    logger.fatal(line);
    await fleet?.close().catch(() => undefined);
    process.exit(1);
  };

  try {
    if (isDemo(env)) {
      // Loaded only here, so a production process never loads a simulator.
      const { startSimulators } = await import('../simulators/index.js');
      fleet = await startSimulators();
      // Demo mode is open unless the operator set any gateway credential (read or write keys, a JWT setting).
      const authSet = ['GATEWAY_API_KEYS', 'GATEWAY_WRITE_API_KEYS', 'GATEWAY_JWT_SECRET', 'GATEWAY_JWKS_URL'].some((name) => env[name]);
      env = { GATEWAY_AUTH: authSet ? undefined : 'none', ...env, ...fleet.env };
      logger.info(
        'demo mode: no provider URL is set, so the gateway runs on built-in simulators of all five providers' +
          (env.GATEWAY_AUTH === 'none' ? '; gateway authentication is off (demo mode is exempt)' : ''),
      );
    }

    const config = loadConfig(env);
    for (const warning of config.warnings) logger.warn(warning);

    const gateway = await listen(await createGateway(config, { logger, sampleIds: fleet?.sampleIds ?? [] }));
    if (fleet && format === 'pretty') {
      process.stdout.write(demoBanner(gateway.url, config, fleet));
    } else {
      for (const [provider, sim] of Object.entries(fleet?.byProvider ?? {}))
        logger.info({ provider, url: sim.url }, `simulator ${provider}: ${sim.url} (inject a fault: POST ${sim.url}${FAULTS})`);
      logger.info(`GraphQL endpoint: ${gateway.url}/graphql${config.playground ? ` (open it in a browser for GraphiQL)` : ''}`);
      if (config.dashboard) logger.info(`Dashboard: ${gateway.url}/`);
      const taler = fleet?.byProvider.TALER;
      if (taler && config.live.enabled)
        logger.info(
          `Live updates: book a Taler transfer with POST ${taler.url}${TALER_TRANSFERS} {"debtor":"bob","creditor":"alice","amount":"EUR:1.5"}`,
        );
    }
    stopOnSignals(gateway, { logger, shutdown: config.shutdown, afterClose: async () => fleet?.close() });
  } catch (error) {
    if (error instanceof ConfigError) return fail(`configuration error: ${error.message}`);
    if (error instanceof StartupError) return fail(error.message);
    return fail(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => {
  console.error('gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

// End-to-end test harness: the five simulators and a gateway on port 0, talking real HTTP.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { startSimulators, type SimulatorFleet } from '../simulators/index.js';
import { REDACTED_PATHS } from '../src/logger.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Stack {
  fleet: SimulatorFleet;
  gateway: RunningGateway;
  /** Every log line the gateway wrote, as text. */
  logs: string[];
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T> & { raw: string; status: number }>;
  close(): Promise<void>;
}

/** A logger that keeps every line in memory, with the same redaction as production. */
export function memoryLogger(lines: string[]): Logger {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pino({ level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
}

/** Starts simulators and a gateway; `env` overrides or removes (with undefined) what the simulators set. */
export async function startStack(env: Record<string, string | undefined> = {}): Promise<Stack> {
  const fleet = await startSimulators();
  const logs: string[] = [];
  // The shared cache is off unless a test turns it on, so that call counts speak of one request at a time.
  const config = loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none', STELLAR_CACHE_TTL_MS: '0', ...env });
  const gateway = await startGateway(config, { logger: memoryLogger(logs), sampleIds: fleet.sampleIds });
  return {
    fleet,
    gateway,
    logs,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await response.text();
      return { ...(JSON.parse(raw) as GraphQLResponse<any>), raw, status: response.status };
    },
    async close() {
      await gateway.close();
      await fleet.close();
    },
  };
}

// The tracing section of the configuration, from the standard OpenTelemetry variables.
import { boolean, ConfigError, optionalUrl, type Env } from '../env.js';

export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP JSON), e.g. http://collector:4318/v1/traces. */
  url: URL;
  /** Headers for the collector (OTEL_EXPORTER_OTLP_HEADERS). Secret: never logged. */
  headers: Readonly<Record<string, string>>;
  serviceName: string;
}

/**
 * Tracing from the standard OpenTelemetry variables: on when OTEL_TRACES_EXPORTER=otlp or an OTLP endpoint is set,
 * off with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true. Only OTLP over HTTP is spoken.
 */
export function tracingConfig(env: Env): TracingConfig | undefined {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || undefined;
  if (exporter !== undefined && exporter !== 'otlp' && exporter !== 'none') throw new ConfigError('OTEL_TRACES_EXPORTER', 'must be "otlp" or "none"');
  const signalEndpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    if (env[name] && !env[name].startsWith('http/'))
      throw new ConfigError(name, 'only OTLP over HTTP is supported ("http/json" or "http/protobuf"; spans are sent as JSON)');
  }
  if (boolean(env, 'OTEL_SDK_DISABLED', false) || exporter === 'none') return undefined;
  if (exporter === undefined && !signalEndpoint && !endpoint) return undefined;
  // The generic endpoint is a base to which the signal's path is appended; the signal-specific one is used as is.
  const url = signalEndpoint ?? new URL(`${(endpoint?.toString() ?? 'http://localhost:4318/').replace(/\/+$/, '')}/v1/traces`);
  return Object.freeze({
    url,
    headers: Object.freeze({ ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') }),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'accounts-gateway',
  });
}

/** `key=value,key2=value2` with URL-encoded values, as the OpenTelemetry specification writes them. */
function otlpHeaders(env: Env, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (env[name] ?? '').split(',').filter((item) => item.trim())) {
    const separator = pair.indexOf('=');
    const key = pair.slice(0, separator).trim().toLowerCase();
    if (separator < 1 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) throw new ConfigError(name, 'must be a comma-separated list of key=value pairs');
    try {
      headers[key] = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      throw new ConfigError(name, 'has a value that is not valid URL encoding');
    }
  }
  return headers;
}

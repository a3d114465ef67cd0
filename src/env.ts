// Reading environment variables: the Env type, ConfigError (which names the variable), and the typed readers every
// config section uses (core settings, tracing, each provider's identity). Imports nothing of the gateway's.
import { Buffer } from 'node:buffer';

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** An http(s) URL without credentials in it, or undefined when the variable is unset or empty. */
export function optionalUrl(env: Env, name: string): URL | undefined {
  const value = env[name];
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http(s) URL');
  if (url.username || url.password) throw new ConfigError(name, 'must not carry credentials; use the credential variables');
  return url;
}

/** A whole number within [min, max]; `fallback` when unset or empty. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(name, `must be a whole number, got ${JSON.stringify(value)}`);
  const parsed = Number.parseInt(value, 10);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return parsed;
}

/** true/1/yes/on or false/0/no/off, any case; `fallback` when unset or empty. */
export function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false');
}

/** Loopback addresses only: 127.0.0.0/8, ::1 and localhost. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** An HTTP Basic `authorization` header (RFC 7617, UTF-8). */
export const basicAuthorization = (username: string, password: string): { authorization: string } => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
});

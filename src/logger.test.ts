import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './env.js';
import { createLogger, logFormat, logLevel, type LogFormat } from './logger.js';

/** A logger writing into memory, in the given format; `lines` joins what it wrote. */
function capture(format: LogFormat) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', format, destination, colorize: false }), text: () => chunks.join('') };
}

const SECRETS = {
  headers: { authorization: 'Bearer upstream-secret-1', 'x-api-key': 'upstream-secret-2' },
  req: { headers: { cookie: 'session=caller-secret-3', authorization: 'Basic caller-secret-4' } },
};

describe('logFormat', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says which', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
    expect(logFormat('', true)).toBe('pretty');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });

  it('refuses any other LOG_FORMAT, naming the variable', () => {
    expect(() => logFormat('text', true)).toThrow(ConfigError);
    expect(() => logFormat('JSON', false)).toThrow(/^LOG_FORMAT: must be json or pretty/);
  });
});

describe('logLevel', () => {
  it("is info by default, else one of pino's levels", () => {
    expect(logLevel(undefined)).toBe('info');
    expect(logLevel('')).toBe('info');
    expect(logLevel('debug')).toBe('debug');
    expect(logLevel('silent')).toBe('silent');
    expect(() => logLevel('verbose')).toThrow(/^LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent$/);
  });
});

describe('createLogger', () => {
  it('writes JSON lines with credentials redacted', () => {
    const { logger, text } = capture('json');
    logger.info(SECRETS, 'upstream call');
    const line = JSON.parse(text()) as Record<string, any>;
    expect(line).toMatchObject({ level: 30, msg: 'upstream call', service: 'accounts-gateway' });
    expect(typeof line.time).toBe('number');
    expect(line.headers).toEqual({ authorization: '[redacted]', 'x-api-key': '[redacted]' });
    expect(line.req.headers).toEqual({ cookie: '[redacted]', authorization: '[redacted]' });
  });

  it('writes one readable line per entry when pretty: HH:MM:ss, the level, the message, then the fields, credentials redacted', () => {
    const { logger, text } = capture('pretty');
    logger.info(SECRETS, 'upstream call');
    logger.fatal('port 4000 on 127.0.0.1 is in use: set PORT to a free port, or 0 for any');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: upstream call \{/);
    expect(lines[1]).toMatch(/^\[\d{2}:\d{2}:\d{2}\] FATAL: port 4000 on 127\.0\.0\.1 is in use: set PORT to a free port, or 0 for any$/);
    expect(text()).toContain('"authorization":"[redacted]"');
    expect(text()).not.toMatch(/secret-\d/);
    // Neither epoch milliseconds nor the fields every line shares.
    expect(text()).not.toMatch(/\d{13}|"pid"|hostname|accounts-gateway/);
  });
});

// Fault injection for the simulators: per route, switchable at run time, for the reliability tests and demos.
// Every rule is checked (zod) before it is kept, so a bad rule is refused when it is set, never when a request meets it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/** Bounds that keep a staged fault from hurting the process that stages it (timers overflow, strings run out of memory). */
const MAX_DELAY_MS = 600_000;
const MAX_OVERSIZED_BYTES = 64 * 1024 * 1024;
const MAX_PATH_PATTERN = 1_000;
const MAX_STATUS_BODY = 1024 * 1024;

const noFields = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind) });

/** What can go wrong with an upstream call, as the simulators can stage it. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('latency'), ms: z.int().min(0).max(MAX_DELAY_MS) }),
  noFields('hang'),
  noFields('reset'),
  z.strictObject({ kind: z.literal('status'), status: z.int().min(200).max(599), body: z.string().max(MAX_STATUS_BODY).optional() }),
  z.strictObject({ kind: z.literal('rateLimit'), retryAfterSeconds: z.int().min(0).max(86_400).optional() }),
  noFields('malformedJson'),
  noFields('truncatedJson'),
  noFields('wrongShape'),
  z.strictObject({ kind: z.literal('oversized'), bytes: z.int().min(0).max(MAX_OVERSIZED_BYTES) }),
]);
export type Fault = z.infer<typeof FaultSchema>;

const isRegExp = (source: string): boolean => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

export const FaultRuleSchema = z.strictObject({
  fault: FaultSchema,
  /** Only requests with this method (default: any). */
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).optional(),
  /** Only paths matching this regular expression source (default: every path). */
  path: z.string().max(MAX_PATH_PATTERN).refine(isRegExp, 'not a regular expression').optional(),
  /** Apply to this many requests, then drop the rule (default: until cleared). */
  times: z.int().min(1).optional(),
});
export type FaultRule = z.infer<typeof FaultRuleSchema>;

/**
 * What `POST /__simulator/faults` accepts, in words: sent back with every 400, so whoever typed the rule sees the
 * shapes next to their mistake.
 */
export const ACCEPTED_FAULT_RULES = {
  rule: {
    fault: 'required: one of the faults below',
    method: 'optional: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS; default any method',
    path: `optional: a regular expression (at most ${MAX_PATH_PATTERN} characters) matched against the path without its query; default every path`,
    times: 'optional: an integer ≥ 1; the rule is dropped after that many requests; default until cleared',
  },
  faults: [
    { kind: 'latency', ms: `integer 0..${MAX_DELAY_MS}: the normal answer, that much later` },
    { kind: 'hang', note: 'never answers' },
    { kind: 'reset', note: 'closes the connection without an answer' },
    { kind: 'status', status: 'integer 200..599', body: `optional text (at most ${MAX_STATUS_BODY} characters), sent as JSON's content type` },
    { kind: 'rateLimit', retryAfterSeconds: 'optional integer 0..86400, sent as Retry-After', note: 'answers 429' },
    { kind: 'malformedJson', note: '200 with a body that is not JSON' },
    { kind: 'truncatedJson', note: '200 whose body stops short of its Content-Length' },
    { kind: 'wrongShape', note: '200 with JSON no provider sends' },
    { kind: 'oversized', bytes: `integer 0..${MAX_OVERSIZED_BYTES}: 200 with that much JSON padding` },
  ],
  clear: 'DELETE /__simulator/faults removes every rule; GET lists them',
} as const;

/** The outcome for one request: answer it (possibly after a delay) or handle it here and stop. */
export type FaultOutcome = { handled: true } | { handled: false; delayMs: number };

interface StoredRule {
  rule: FaultRule;
  pattern: RegExp | undefined;
  remaining: number | undefined;
}

export class FaultController {
  private rules: StoredRule[] = [];

  /** Adds a rule; throws a ZodError (and keeps nothing) when it is not one of the accepted shapes. */
  set(rule: FaultRule): void {
    const checked = FaultRuleSchema.parse(rule);
    this.rules.push({ rule: checked, pattern: checked.path === undefined ? undefined : new RegExp(checked.path), remaining: checked.times });
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules.map(({ rule, remaining }) => (remaining === undefined ? rule : { ...rule, times: remaining }));
  }

  /** Applies the first matching rule. Latency delays the normal answer; the other faults answer here. */
  apply(req: IncomingMessage, res: ServerResponse): FaultOutcome {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const index = this.rules.findIndex(({ rule, pattern }) => (!rule.method || rule.method === req.method) && (!pattern || pattern.test(path)));
    const stored = this.rules[index];
    if (!stored) return { handled: false, delayMs: 0 };
    if (stored.remaining !== undefined && --stored.remaining <= 0) this.rules.splice(index, 1);
    return stage(stored.rule.fault, req, res);
  }
}

function stage(fault: Fault, req: IncomingMessage, res: ServerResponse): FaultOutcome {
  const json = (status: number, text: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
  switch (fault.kind) {
    case 'latency':
      return { handled: false, delayMs: fault.ms };
    case 'hang':
      return { handled: true };
    case 'reset':
      req.socket.destroy();
      return { handled: true };
    case 'status':
      json(fault.status, fault.body ?? '{"error":"simulated failure"}');
      return { handled: true };
    case 'rateLimit':
      json(
        429,
        '{"title":"Rate Limit Exceeded","status":429}',
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
      );
      return { handled: true };
    case 'malformedJson':
      json(200, '{"id": "oops", balances: [}');
      return { handled: true };
    case 'truncatedJson':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"id":"trunc');
      req.socket.destroy();
      return { handled: true };
    case 'wrongShape':
      json(200, '{"unexpected":[1,2,3],"balances":"none"}');
      return { handled: true };
    case 'oversized':
      json(200, JSON.stringify({ padding: 'x'.repeat(fault.bytes) }));
      return { handled: true };
  }
}

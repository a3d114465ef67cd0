// Fault injection for the simulators: per route, switchable at run time, for the reliability tests and demos.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What can go wrong with an upstream call, as the simulators can stage it. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'rateLimit'; retryAfterSeconds?: number }
  | { kind: 'malformedJson' }
  | { kind: 'truncatedJson' }
  | { kind: 'wrongShape' }
  | { kind: 'oversized'; bytes: number };

export interface FaultRule {
  fault: Fault;
  /** Only requests with this method (default: any). */
  method?: string;
  /** Only paths matching this regular expression source (default: every path). */
  path?: string;
  /** Apply to this many requests, then drop the rule (default: until cleared). */
  times?: number;
}

/** The outcome for one request: answer it (possibly after a delay) or handle it here and stop. */
export type FaultOutcome = { handled: true } | { handled: false; delayMs: number };

export class FaultController {
  private rules: FaultRule[] = [];

  set(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Applies the first matching rule. Latency delays the normal answer; the other faults answer here. */
  apply(req: IncomingMessage, res: ServerResponse): FaultOutcome {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const index = this.rules.findIndex((rule) => (!rule.method || rule.method === req.method) && (!rule.path || new RegExp(rule.path).test(path)));
    const rule = this.rules[index];
    if (!rule) return { handled: false, delayMs: 0 };
    if (rule.times !== undefined && --rule.times <= 0) this.rules.splice(index, 1);
    return stage(rule.fault, req, res);
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
      json(429, '{"title":"Rate Limit Exceeded","status":429}', fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
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

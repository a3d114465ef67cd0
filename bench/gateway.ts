// The gateway under test as a child process of its own (pinned to one core when taskset exists), and its peak memory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the gateway runs from: this checkout, or BENCH_GATEWAY_ROOT (another build, e.g. the code before a change). */
const ROOT = process.env.BENCH_GATEWAY_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const URL_LINE = /GraphQL endpoint: (http:\/\/[^\s"]+\/graphql)/;

export interface GatewayProcess {
  url: string;
  pid: number;
  pinned: boolean;
  /** The last lines the gateway wrote, info and warn lines left out (for error reports). */
  tail(): string;
  /** Peak resident set size so far (VmHWM), in kB. */
  peakRssKb(): Promise<number>;
  /** CPU time used so far (user + system), in ms. */
  cpuMs(): Promise<number>;
  /** Resident set size now (VmRSS), in kB. */
  rssKb(): Promise<number>;
  /** Milliseconds from spawn until the gateway logged its GraphQL endpoint (it accepts queries from then on). */
  readyMs: number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every gateway still running (on exit or error). */
export function killAllGateways(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

export const hasTaskset = (): boolean => spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/**
 * Runs the gateway as production does, `node dist/src/main.js` from `npm run build:server` (one process, so its pid's
 * memory is the gateway's), and waits for its URL. BENCH_NODE_OPTIONS adds Node flags (e.g. `--cpu-prof`).
 */
export async function startGateway(env: Record<string, string>, pin: boolean, timeoutMs = 30_000): Promise<GatewayProcess> {
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error(`${ROOT}/dist/src/main.js is missing: run \`npm run build:server\` first`);
  const extra = (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const node = [process.execPath, ...extra, 'dist/src/main.js'];
  const spawned = performance.now();
  const [command, ...args] = pin ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command ?? 'node', args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const tail = keepTail(child);
  try {
    const url = await waitForUrl(child, tail, timeoutMs);
    const readyMs = Math.round(performance.now() - spawned);
    return {
      url,
      readyMs,
      pid: child.pid ?? 0,
      pinned: pin,
      tail: () => withoutRoutineLines(tail.text),
      peakRssKb: () => peakRssKb(child.pid ?? 0),
      cpuMs: () => cpuMs(child.pid ?? 0),
      rssKb: () => statusKb(child.pid ?? 0, 'VmRSS'),
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** Drains the child's output (a full pipe would stall it) and keeps the last lines for error messages. */
function keepTail(child: ChildProcess): { text: string } {
  const tail = { text: '' };
  const take = (chunk: Buffer | string) => (tail.text = (tail.text + String(chunk)).slice(-8000));
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  child.once('exit', (code, signal) => take(`\n[gateway exited: code ${code}, signal ${signal}]\n`));
  return tail;
}

function waitForUrl(child: ChildProcess, tail: { text: string }, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`gateway did not start within ${timeoutMs} ms:\n${tail.text}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = URL_LINE.exec(tail.text);
      if (match?.[1]) finish(undefined, match[1]);
    }, 5);
    const onExit = (code: number | null) => finish(new Error(`gateway exited (${code}) before listening:\n${tail.text}`));
    child.once('exit', onExit);
    function finish(error?: Error, url?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (url) resolve(url);
      else reject(error);
    }
  });
}

const withoutRoutineLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() && !/^\{"level":(30|40),/.test(line))
    .join('\n');

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

const peakRssKb = (pid: number) => statusKb(pid, 'VmHWM');

/** A kB figure of /proc/<pid>/status (VmHWM, VmRSS…). */
async function statusKb(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0);
}

/** SIGTERM, then SIGKILL after two seconds. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      live.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// Start-up time and idle memory of the gateway process: `node dist/src/main.js` (the production start) against
// `tsx src/main.ts` (how it ran before the build), with real providers configured (URLs of a local stand-in).
// Prints JSON: milliseconds from spawn to the first 200 on /healthz, and RSS of the process tree after 3 s idle.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const ENV = {
  ...process.env,
  PORT: '0',
  LOG_LEVEL: 'warn',
  INTERLEDGER_URL: 'http://127.0.0.1:9/',
  STELLAR_URL: 'http://127.0.0.1:9/',
  TALER_URL: 'http://127.0.0.1:9/',
  CONDUIT_URL: 'http://127.0.0.1:9/',
  MIDAZ_URL: 'http://127.0.0.1:9/',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** RSS in MB of a process and all its descendants (Linux /proc). */
function treeRssMb(pid: number): number {
  const children = (() => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  const own = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(own ?? 0) / 1024 + children.reduce((sum, child) => sum + treeRssMb(child), 0);
}

async function measure(label: string, command: string, args: string[]): Promise<{ label: string; readyMs: number; idleRssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { env: { ...ENV, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error(`${label}: not ready within 30 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const readyMs = Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { label, readyMs, idleRssMb: Math.round(treeRssMb(child.pid!)) };
  } finally {
    child.kill('SIGTERM');
  }
}

const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
for (let i = 0; i < 3; i++) {
  runs.push(await measure('node dist/src/main.js', process.execPath, ['dist/src/main.js']));
  runs.push(await measure('tsx src/main.ts', 'node_modules/.bin/tsx', ['src/main.ts']));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = ['node dist/src/main.js', 'tsx src/main.ts'].map((label) => {
  const mine = runs.filter((run) => run.label === label);
  return { label, readyMs: median(mine.map((run) => run.readyMs)), idleRssMb: median(mine.map((run) => run.idleRssMb)) };
});
console.log(JSON.stringify({ runs, summary }, null, 2));

// The gateway as `npm start` runs it from the sources (src/main.ts through tsx), as a child process with only the
// variables given, and a way to wait for its output.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Starts the gateway with `env` (plus PATH and HOME), optionally as another user; `waitFor` polls its output. */
export function startProcess(env: Record<string, string>, as?: { uid: number; gid: number }, waitMs = 60_000) {
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, ...as });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const waitFor = async (pattern: RegExp, ms = waitMs) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const match = pattern.exec(output);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${pattern} in:\n${output}`);
  };
  return { child, exited, waitFor, output: () => output };
}

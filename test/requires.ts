// Global setup of the second test tier's projects (vitest.config.ts): before the first file of `redis` or `browser`
// runs, checks that redis-server or Chromium is installed, and stops the run with one line saying what to install.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** The Chromium the browser tests launch (playwright-core with Debian's build; no browser download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && executable(join(dir, name)));

/** What the project needs and is missing, as one line; undefined when it has everything. */
export function missing(project: string): string | undefined {
  if (project === 'redis' && !onPath('redis-server'))
    return 'the Redis tests need redis-server on PATH (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis); npm test needs no Redis';
  if (project === 'browser' && !executable(CHROMIUM_PATH))
    return `the browser tests need Chromium at ${CHROMIUM_PATH} (Debian/Ubuntu: apt-get install chromium), or CHROMIUM_PATH naming another Chromium or Chrome; npm test needs no browser`;
  return undefined;
}

export default function setup(project: TestProject): void {
  const problem = missing(project.name);
  if (!problem) return;
  // One line and exit 1: a thrown error here would print a stack and "No test files found", which mislead.
  process.stderr.write(`\n${problem}\n`);
  process.exit(1);
}

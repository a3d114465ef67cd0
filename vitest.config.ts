// Test runner settings: unit tests beside the code in src/, simulators/ and web/, end-to-end tests over real HTTP in test/.
// Two tiers, split by file name. `npm test` runs the project `node`, which needs only Node. `npm run test:e2e` builds
// the dashboard and runs the projects `redis` (*.redis.e2e.test.ts: a real redis-server on PATH) and `browser`
// (*.browser.e2e.test.ts: Chromium at CHROMIUM_PATH, /usr/bin/chromium by default). `npx vitest run` runs all three.
import { configDefaults, defineConfig } from 'vitest/config';

const REDIS = 'test/**/*.redis.e2e.test.ts';
const BROWSER = 'test/**/*.browser.e2e.test.ts';
// Checks that the project's tool is installed before its first file runs, and says in one line what to install.
const REQUIRES = 'test/requires.ts';

export default defineConfig({
  // Node loads graphql's CommonJS build for the libraries; tests must share that one copy ("another realm" otherwise).
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'simulators/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: [...configDefaults.exclude, REDIS, BROWSER],
        },
      },
      { extends: true, test: { name: 'redis', include: [REDIS], globalSetup: [REQUIRES] } },
      { extends: true, test: { name: 'browser', include: [BROWSER], globalSetup: [REQUIRES] } },
    ],
  },
});

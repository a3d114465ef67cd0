// Serves the accounts dashboard (web/, built into web/dist by `npm run build:web`) at `/`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { Logger } from 'pino';

/** web/dist beside src/ when run from the sources, two levels up when run from the build (dist/src/). */
const DIST =
  ['../web/dist/', '../../web/dist/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((dir) => existsSync(dir)) ??
  fileURLToPath(new URL('../web/dist/', import.meta.url));

export function dashboard(sampleIds: readonly string[], logger: Logger): Router {
  const router = express.Router();
  router.get('/dashboard/config.json', (_req, res) => {
    res.json({ sampleIds });
  });
  if (existsSync(DIST)) {
    router.use(express.static(DIST, { index: 'index.html', maxAge: '1h' }));
  } else {
    logger.warn('the dashboard is not built: run `npm run build:web` (npm start does it)');
    router.get('/', (_req, res) => {
      res.type('text').send('The dashboard is not built: run `npm run build:web`. GraphQL is at /graphql.');
    });
  }
  return router;
}

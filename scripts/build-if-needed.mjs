// Builds dist/ (and the dashboard) before `npm start` only when a source is newer than the last build, so
// `npm ci && npm start` works on a fresh clone and a second start costs nothing. Plain Node, no dependencies.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time below a folder (or of a file), in ms; 0 when absent. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const built = (marker) => (existsSync(marker) ? statSync(marker).mtimeMs : 0);
const sources = Math.max(newest('src'), newest('simulators'), newest('schema'), newest('package-lock.json'), newest('tsconfig.build.json'));
if (built('dist/src/main.js') < sources) {
  console.log('building the gateway (dist/)…');
  execSync('npm run --silent build:server', { stdio: 'inherit' });
}
if (built('web/dist/index.html') < Math.max(newest('web/src'), newest('web/index.html'), newest('client'), newest('package-lock.json'))) {
  console.log('building the dashboard (web/dist/)…');
  execSync('npm run --silent build:web', { stdio: 'inherit' });
}

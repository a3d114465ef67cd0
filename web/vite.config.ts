// Builds the dashboard (web/) into web/dist, which the gateway serves at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
});

// GraphiQL served by the gateway itself from installed packages: no CDN, works with no internet. Subscriptions run
// over the same origin's WebSocket (graphql-ws ships inside GraphiQL's UMD build; CSP connect-src 'self' covers
// ws: and wss: of the page's own host and port).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Static files of the playground, below `/playground/`. */
const ASSETS: Readonly<Record<string, string>> = {
  'react.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'dist/index.umd.js'),
  'graphiql.css': join(packageDir('graphiql'), 'dist/style.css'),
};

export interface PlaygroundTab {
  query: string;
  variables?: string;
  headers?: string;
}

/** Routes for `/playground/*` assets; the page itself is `playgroundPage`. */
export function playgroundAssets(): Router {
  const router = express.Router();
  for (const [name, file] of Object.entries(ASSETS)) {
    router.get(`/playground/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d', immutable: true });
    });
  }
  return router;
}

/** The GraphiQL page and the hash of its one inline script, for the page's Content-Security-Policy. */
export interface PlaygroundPage {
  html: string;
  /** `'sha256-…'` of the inline script: the CSP allows that script and no other inline one. */
  scriptHash: string;
}

/** The GraphiQL page, preloaded with example tabs. Inline data is JSON-escaped so it cannot close the script. */
export function playgroundPage(tabs: readonly PlaygroundTab[]): PlaygroundPage {
  const data = JSON.stringify(tabs).replace(/</g, '\\u003c');
  const script = `
    const tabs = ${data};
    // Queries and mutations over HTTP; subscriptions over GraphQL over WebSocket (graphql-ws, bundled in GraphiQL's
    // UMD build) to the same origin's /graphql, with the Headers pane's values in connection_init.
    const wsUrl = new URL('/graphql', location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).toString(), subscriptionUrl: wsUrl.toString() });
    // GraphiQL 4 opens defaultTabs[0] with its query but not its variables (it reads those from storage): put them
    // there on a first visit. A \`variables\` prop would instead pin every tab's variables to the first tab's.
    if (tabs[0] && tabs[0].variables && !localStorage.getItem('graphiql:tabState')) {
      localStorage.setItem('graphiql:variables', tabs[0].variables);
    }
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }),
    );
  `;
  const scriptHash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Accounts gateway · GraphiQL</title>
  <link rel="stylesheet" href="/playground/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/playground/react.js"></script>
  <script src="/playground/react-dom.js"></script>
  <script src="/playground/graphiql.js"></script>
  <script>${script}</script>
</body>
</html>`;
  return { html, scriptHash };
}

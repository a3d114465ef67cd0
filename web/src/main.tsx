// The dashboard's entry: Apollo Client for the gateway on the same origin (HTTP for queries, a WebSocket for live
// updates), and the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { App } from './App.js';
import { createClient } from './apollo.js';
import { LiveConnection, LiveContext, liveUrl } from './live.js';
import './styles.css';

const live = new LiveConnection(liveUrl(location));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <LiveContext.Provider value={live}>
      <ApolloProvider client={createClient(live)}>
        <App />
      </ApolloProvider>
    </LiveContext.Provider>
  </StrictMode>,
);

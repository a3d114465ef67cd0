// The app: `?ids=a,b,c` in the address, or the demo accounts of `npm start` in the gateway's repository.
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Accounts } from './Accounts';
import { createClient } from './apollo';

const DEMO_IDS = [
  'taler:bob',
  'interledger:alice',
  'stellar:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA',
  'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn',
];
const ids = new URLSearchParams(window.location.search).get('ids')?.split(',') ?? DEMO_IDS;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createClient()}>
      <h1>Accounts</h1>
      <Accounts ids={ids} />
    </ApolloProvider>
  </StrictMode>,
);

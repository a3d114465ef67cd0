// Prints the accounts subgraph's SDL (what `{ _service { sdl } }` answers) for `rover supergraph compose` with a file schema:
//   npx tsx src/federation/print-sdl.ts > accounts.subgraph.graphql
import { printSubgraphSdl } from './subgraph.js';

process.stdout.write(`${printSubgraphSdl()}\n`);

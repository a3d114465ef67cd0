// The union of every provider's account model: what resolvers receive as the `Account` parent.
import type { InterledgerAccountModel } from './interledger/model.js';
import type { StellarAccountModel } from './stellar/model.js';
import type { TalerAccountModel } from './taler/model.js';
import type { ConduitAccountModel } from './conduit/model.js';
import type { MidazAccountModel } from './midaz/model.js';

export type AccountModel =
  | InterledgerAccountModel
  | StellarAccountModel
  | TalerAccountModel
  | ConduitAccountModel
  | MidazAccountModel;

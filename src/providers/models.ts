// The union of every provider's account model: what resolvers receive as the `Account` parent. Derived by codegen
// from the schema (the types implementing Account) and each provider's mapper line in codegen.yml: no list here.
import type { ResolversParentTypes } from '../generated/resolvers-types.js';

export type AccountModel = ResolversParentTypes['Account'];

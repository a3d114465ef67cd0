// The account inputs Midaz v3.8 takes (pkg/mmodel/account.go `CreateAccountInput`, `UpdateAccountInput`), as its
// simulator reads them, and the UUID rule its path, query and body checks share.

/** A UUID in any case (Midaz parses path and body ids with uuid.Parse, then stores them lower case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StatusInput {
  code: string;
  description?: string;
}

/** `POST …/accounts`: only these fields (any other is refused with 0053). */
export interface CreateAccountInput {
  assetCode: string;
  type: string;
  name?: string;
  alias?: string;
  parentAccountId?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: StatusInput;
  blocked?: boolean;
  metadata?: Record<string, string>;
}

/** `PATCH …/accounts/{id}`: the mutable fields; a metadata value of null removes the key (JSON merge patch). */
export interface UpdateAccountInput {
  name?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: StatusInput;
  blocked?: boolean;
  metadata?: Record<string, string | null>;
}

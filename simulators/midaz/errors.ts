// The error bodies the Midaz simulator answers with: Midaz's codes, titles and messages (pkg/errors.go, v3).
import type { SimResponse } from '../shared/server.js';

export const MAX_LIMIT = 100;

const error = (status: number, code: string, title: string, message: string, fields?: Record<string, unknown>, entityType?: string): SimResponse => ({
  status,
  body: { ...(entityType ? { entityType } : {}), code, title, message, ...(fields ? { fields } : {}) },
});

export const midazErrors = {
  entityNotFound: () =>
    error(
      404,
      '0007',
      'Entity Not Found',
      'No entity was found for the given ID. Please make sure to use the correct ID for the entity you are trying to manage.',
    ),
  noAccountsFound: () =>
    error(
      404,
      '0064',
      'No Accounts Found',
      'No accounts were found in the search. Please review the search criteria and try again.',
      undefined,
      'Account',
    ),
  accountIdNotFound: () =>
    error(404, '0052', 'Account ID Not Found', 'The provided account ID does not exist in our records. Please verify the account ID and try again.'),
  ledgerIdNotFound: () =>
    error(404, '0037', 'Ledger ID Not Found', 'The provided ledger ID does not exist in our records. Please verify the ledger ID and try again.'),
  assetCodeNotFound: () =>
    error(404, '0034', 'Asset Code Not Found', 'The provided asset code does not exist in our records. Please verify the asset code and try again.'),
  invalidParentAccountId: () =>
    error(
      400,
      '0029',
      'Invalid Parent Account ID',
      'The specified parent account ID does not exist. Please verify the ID is correct and attempt your request again.',
    ),
  mismatchedAssetCode: () =>
    error(
      400,
      '0030',
      'Mismatched Asset Code',
      'The parent account ID you provided is associated with a different asset code than the one specified in your request. Please make sure the asset code matches that of the parent account, or use a different parent account ID and try again.',
    ),
  aliasUnavailable: (alias: string) =>
    error(409, '0020', 'Alias Unavailability Error', `The alias ${alias} is already in use. Please choose a different alias and try again.`),
  balanceDeletion: () =>
    error(
      400,
      '0012',
      'Account Balance Deletion Error',
      'An account or sub-account cannot be deleted if it has a remaining balance. Please ensure all remaining balances are transferred to another account before attempting to delete.',
    ),
  externalAccount: () =>
    error(
      400,
      '0074',
      'External Account Modification Prohibited',
      "Accounts of type 'external' cannot be deleted or modified as they are used for traceability with external systems. Please review your request and ensure operations are only performed on internal accounts.",
    ),
  invalidPath: (names: readonly string[]) =>
    error(
      400,
      '0065',
      'Invalid Path Parameter',
      `One or more path parameters are in an incorrect format. Please check the following parameters ${names.join(', ')} and ensure they meet the required format before trying again.`,
    ),
  invalidQuery: (name: string) =>
    error(
      400,
      '0082',
      'Invalid Query Parameter',
      `One or more query parameters are in an incorrect format. Please check the following parameters '${name}' and ensure they meet the required format before trying again.`,
    ),
  limitExceeded: () =>
    error(
      400,
      '0080',
      'Pagination Limit Exceeded',
      `The pagination limit exceeds the maximum allowed of ${MAX_LIMIT} items per page. Please verify the limit and try again.`,
    ),
  invalidSortOrder: () =>
    error(400, '0081', 'Invalid Sort Order', "The 'sort_order' field must be 'asc' or 'desc'. Please provide a valid sort order and try again."),
  invalidDateRange: () =>
    error(
      400,
      '0083',
      'Invalid Date Range Error',
      "Both 'initialDate' and 'finalDate' fields are required and must be in the 'yyyy-mm-dd' format. Please provide valid dates and try again.",
    ),
  invalidFinalDate: () =>
    error(
      400,
      '0078',
      'Invalid Final Date Error',
      "The 'finalDate' cannot be earlier than the 'initialDate'. Please verify the dates and try again.",
    ),
  invalidDatetime: () =>
    error(
      400,
      '0131',
      'Invalid Datetime Format Error',
      "The 'initialDate', 'finalDate', or both are in the incorrect format. Please use the 'yyyy-mm-dd' or 'yyyy-mm-dd hh:mm:ss' format and try again.",
    ),
  unexpectedFields: (fields: Record<string, unknown>) =>
    error(
      400,
      '0053',
      'Unexpected Fields in the Request',
      'The request body contains more fields than expected. Please send only the allowed fields as per the documentation. The unexpected fields are listed in the fields object.',
      fields,
    ),
  missingFields: (fields: Record<string, string>) =>
    error(
      400,
      '0009',
      'Missing Fields in Request',
      'Your request is missing one or more required fields. Please refer to the documentation to ensure all necessary fields are included in your request.',
      fields,
    ),
  badRequest: (fields: Record<string, string>) =>
    error(
      400,
      '0047',
      'Bad Request',
      'The server could not understand the request due to malformed syntax. Please check the listed fields and try again.',
      fields,
    ),
  unmarshalling: (message: string) => error(400, '0094', 'Unmarshalling error', message),
  tokenMissing: () =>
    error(401, '0041', 'Token Missing', 'A valid token must be provided in the request header. Please include a token and try again.'),
  invalidToken: () =>
    error(401, '0042', 'Invalid Token', 'The provided token is expired, invalid or malformed. Please provide a valid token and try again.'),
};

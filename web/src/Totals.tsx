// The totals table: one row per asset identity, its exact sum, the balances it adds (a disclosure), and whether
// it is complete or partial (accounts that could not be read or are still loading, balances left out).
import { PROVIDER_LABELS } from '../../client/assetIdentity.js';
import { providerOf, type AccountSlot } from './accounts.js';
import { isPartial, type AssetTotal, type TotalsReport } from './totals.js';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "Taler 8, Conduit 1": how many of `slots` each provider has. */
function byProvider(slots: readonly AccountSlot[]): string {
  const counts = new Map<string, number>();
  for (const slot of slots) {
    const label = slot.provider ? PROVIDER_LABELS[slot.provider] : 'other ids';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => `${label} ${count}`).join(', ');
}

/** "Taler, Conduit": the providers of these ids. */
const providersOf = (ids: readonly string[]) =>
  [
    ...new Set(
      ids.map((id) => {
        const provider = providerOf(id);
        return provider ? PROVIDER_LABELS[provider] : 'other ids';
      }),
    ),
  ].join(', ');

/** What a partial total may be missing, in words. */
export function shortfallText(total: AssetTotal): string {
  const parts: string[] = [];
  if (total.failed.length > 0) parts.push(`${plural(total.failed.length, 'account')} could not be read (${providersOf(total.failed)})`);
  if (total.loading.length > 0) parts.push(`waiting for ${plural(total.loading.length, 'account')} (${providersOf(total.loading)})`);
  const leftOut = total.leftOut.reduce((sum, entry) => sum + entry.count, 0);
  if (leftOut > 0) parts.push(`${plural(leftOut, 'balance')} left out`);
  return parts.join('; ');
}

export function Totals({ totals }: { totals: AssetTotal[] }) {
  return (
    <div className="totals-block">
      <table className="totals" aria-describedby="grouping-rule">
        <caption>Totals per asset</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="amount">
              Total
            </th>
            <th scope="col">Adds</th>
            <th scope="col">Complete?</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((total) => (
            <TotalRow key={total.identity.key} total={total} />
          ))}
        </tbody>
      </table>
      <div id="grouping-rule" className="help grouping">
        <p>
          <strong>Only the same money is added.</strong> A token is its code plus its issuer (Stellar) or its network (Conduit), so the USD token of
          one Stellar issuer is not added to bank USD, nor USDC on ethereum to USDC on solana. An ISO 4217 currency (EUR, USD, BRL) without issuer or
          network is added across providers. Stellar's lumens are their own asset; any other code (XRP at an Interledger connector, a Midaz ledger's
          own asset) is its provider's.
        </p>
        <p>
          A total marked <span className="partial-mark">partial</span> may be missing balances: of accounts that could not be read or are still
          loading and could hold that asset, or balances the gateway could not read exactly and left out. Open “balances” to see what a total adds.
        </p>
      </div>
    </div>
  );
}

function TotalRow({ total }: { total: AssetTotal }) {
  const { identity } = total;
  const partial = isPartial(total);
  const missing = [...total.failed, ...total.loading, ...total.leftOut.map((entry) => entry.accountId)];
  return (
    <tr data-asset={identity.key} data-partial={partial ? 'true' : 'false'} className={partial ? 'partial' : undefined}>
      <th scope="row">
        <span className="code">{identity.code}</span>
        {identity.qualifier && (
          <span className="qualifier" title={identity.qualifierFull ?? undefined}>
            {' '}
            {identity.qualifier}
          </span>
        )}
      </th>
      <td className={`amount${total.amount.startsWith('-') ? ' negative' : ''}`}>{total.amount}</td>
      <td className="adds">
        <details>
          <summary>{plural(total.balances.length, 'balance')}</summary>
          <ul className="added">
            {total.balances.map((balance, i) => (
              <li key={i} data-account={balance.accountId}>
                <span className="who" title={balance.accountId}>
                  {balance.title}
                </span>{' '}
                <span className="qualifier">({PROVIDER_LABELS[balance.provider]})</span> <span className="amount">{balance.amount}</span>
              </li>
            ))}
          </ul>
          <p className="help why">{identity.explanation}</p>
        </details>
      </td>
      <td className="status" title={partial ? `May be missing: ${missing.join(', ')}` : undefined}>
        {partial ? (
          <>
            <span className="partial-mark">Partial</span> {shortfallText(total)}
          </>
        ) : (
          'Complete'
        )}
      </td>
    </tr>
  );
}

/** One notice for the page: what no total can show (accounts not read, still loading, left-out balances, unknown ids). */
export function Shortfalls({ report }: { report: TotalsReport }) {
  const lines: Array<{ kind: string; text: string }> = [];
  if (report.failed.length > 0) {
    lines.push({
      kind: 'failed',
      text: `${plural(report.failed.length, 'account')} could not be read (${byProvider(report.failed)}): their balances are in no total, and every total they could belong to says partial.`,
    });
  }
  if (report.loading.length > 0) {
    lines.push({
      kind: 'loading',
      text: `Waiting for ${plural(report.loading.length, 'account')} (${byProvider(report.loading)}); the others are shown already.`,
    });
  }
  const leftOut = report.leftOut.reduce((sum, entry) => sum + entry.count, 0);
  if (leftOut > 0) {
    lines.push({
      kind: 'left-out',
      text: `${plural(leftOut, 'balance')} of ${plural(report.leftOut.length, 'account')} could not be read exactly and ${leftOut === 1 ? 'is' : 'are'} left out of the totals.`,
    });
  }
  if (report.missing.length > 0)
    lines.push({ kind: 'missing', text: `${plural(report.missing.length, 'id')} ${report.missing.length === 1 ? 'names' : 'name'} no account.` });
  if (lines.length === 0) return null;
  return (
    <div className="shortfalls" role="status">
      {lines.map((line) => (
        <p key={line.kind} data-kind={line.kind} className={line.kind === 'loading' ? 'pending-text' : 'warning-text'}>
          {line.text}
        </p>
      ))}
    </div>
  );
}

// Holdings per asset: one small bar chart per asset held in more than one balance, one bar per account, coloured by
// provider, negative positions to the left of zero. A picture shows at once who holds most of an asset and which
// positions are negative, which a column of numbers does not. Every label is the exact amount string; the number
// behind a bar's length (toDrawingNumber) is used for drawing only. The same amounts are in the totals table.
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { PROVIDER_LABELS } from '../../client/assetIdentity.js';
import { compareDecimals, toDrawingNumber } from '../../client/decimal.js';
import type { AccountProvider } from '../../client/gql/graphql.js';
import { isPartial, type AssetTotal } from './totals.js';

export const PROVIDER_COLOURS: Readonly<Record<AccountProvider, string>> = {
  INTERLEDGER: '#6b2fa0',
  STELLAR: '#1f4e8c',
  TALER: '#8a3b12',
  CONDUIT: '#0f6b4f',
  MIDAZ: '#7a1f55',
};

const BAR = 26;
/** An account title short enough for the axis; the full title is in the totals table. */
const clip = (label: string) => (label.length > 18 ? `${label.slice(0, 17)}…` : label);
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

interface Datum {
  label: string;
  accountId: string;
  provider: AccountProvider;
  /** The exact amount, as the gateway sent it: what the label shows. */
  amount: string;
  /** Only for the bar's length. */
  value: number;
}

export function HoldingsChart({ totals }: { totals: AssetTotal[] }) {
  const charted = totals.filter((total) => total.balances.length > 1);
  if (charted.length === 0) return null;
  const providers = [...new Set(charted.flatMap((total) => total.balances.map((balance) => balance.provider)))];
  return (
    <section className="holdings" aria-labelledby="holdings-heading">
      <h2 id="holdings-heading">Holdings per asset</h2>
      <p className="help">
        Each asset held in more than one balance, one bar per account; bars left of the line are negative. The column on the right holds the exact
        amounts, also listed under “balances” in the totals table.
      </p>
      <ul className="legend" aria-label="Provider colours">
        {providers.map((provider) => (
          <li key={provider}>
            <span className="swatch" style={{ background: PROVIDER_COLOURS[provider] }} aria-hidden="true" />
            {PROVIDER_LABELS[provider]}
          </li>
        ))}
      </ul>
      <div className="charts">
        {charted.map((total) => (
          <AssetChart key={total.identity.key} total={total} />
        ))}
      </div>
    </section>
  );
}

function AssetChart({ total }: { total: AssetTotal }) {
  const data: Datum[] = total.balances
    .map((balance) => ({
      label: balance.title,
      accountId: balance.accountId,
      provider: balance.provider,
      amount: balance.amount,
      value: toDrawingNumber(balance.amount),
    }))
    .sort((a, b) => compareDecimals(b.amount, a.amount));
  const { identity } = total;
  const name = identity.qualifier ? `${identity.code} ${identity.qualifier}` : identity.code;
  const summary = `${name}: ${data.map((datum) => `${datum.label} ${datum.amount}`).join(', ')}`;
  // Wide enough for the longest exact amount in a 12px monospace-ish column.
  const amountWidth = Math.min(160, 16 + 7.5 * Math.max(...data.map((datum) => datum.amount.length)));
  return (
    <figure className="asset-chart" data-asset={identity.key} data-partial={isPartial(total) ? 'true' : 'false'}>
      <figcaption>
        <strong>{identity.code}</strong>
        {identity.qualifier && <span className="qualifier"> {identity.qualifier}</span>} · total <span className="amount">{total.amount}</span>
        {isPartial(total) && <span className="partial-mark">partial</span>}
      </figcaption>
      <div role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={data.length * BAR + 36}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 4, left: 4 }} accessibilityLayer={false}>
            <XAxis type="number" domain={['auto', 'auto']} tickFormatter={(value: number) => compact.format(value)} fontSize={11} />
            <YAxis yAxisId="who" type="category" dataKey="label" width={170} fontSize={12} interval={0} tickLine={false} tickFormatter={clip} />
            {/* The exact amounts, as a column beside the bars: text, never the drawing number. */}
            <YAxis
              yAxisId="amount"
              orientation="right"
              type="category"
              dataKey="amount"
              width={amountWidth}
              fontSize={12}
              interval={0}
              tickLine={false}
              axisLine={false}
              allowDuplicatedCategory
              tick={{ fill: '#1a1d23', className: 'bar-amount' }}
            />
            <ReferenceLine yAxisId="who" x={0} stroke="#1a1d23" />
            <Bar yAxisId="who" dataKey="value" isAnimationActive={false} barSize={16}>
              {data.map((datum) => (
                <Cell key={datum.accountId + datum.amount} fill={PROVIDER_COLOURS[datum.provider]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

// Holdings per asset: one small bar chart per asset held in more than one balance, one bar per account, coloured by
// provider, negative positions to the left of zero. A picture shows at once who holds most of an asset and which
// positions are negative, which a column of numbers does not. Every label is the exact amount string; the number
// behind a bar's length (toDrawingNumber) is used for drawing only. The same amounts are in the totals table.
import { Bar, BarChart, Cell, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
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
        Each asset held in more than one balance, one bar per account; bars left of the line are negative. Labels are the exact amounts, also listed
        under “balances” in the totals table.
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
  const hasNegative = data.some((datum) => datum.value < 0);
  const hasPositive = data.some((datum) => datum.value > 0);
  return (
    <figure className="asset-chart" data-asset={identity.key} data-partial={isPartial(total) ? 'true' : 'false'}>
      <figcaption>
        <strong>{identity.code}</strong>
        {identity.qualifier && <span className="qualifier"> {identity.qualifier}</span>} · total <span className="amount">{total.amount}</span>
        {isPartial(total) && <span className="partial-mark">partial</span>}
      </figcaption>
      <div role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={data.length * BAR + 36}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: hasPositive ? 96 : 12, bottom: 4, left: hasNegative ? 96 : 4 }}
            accessibilityLayer={false}
          >
            <XAxis type="number" domain={['auto', 'auto']} tickFormatter={(value: number) => compact.format(value)} fontSize={11} />
            <YAxis type="category" dataKey="label" width={150} fontSize={12} interval={0} tickLine={false} />
            <ReferenceLine x={0} stroke="#1a1d23" />
            <Bar dataKey="value" isAnimationActive={false} barSize={16}>
              {data.map((datum) => (
                <Cell key={datum.accountId + datum.amount} fill={PROVIDER_COLOURS[datum.provider]} />
              ))}
              <LabelList dataKey="amount" content={AmountLabel} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

interface LabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  value?: unknown;
}

/** The exact amount beyond the bar's end: right of a positive bar, left of a negative one. */
function AmountLabel(props: LabelProps) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const width = Number(props.width ?? 0);
  const height = Number(props.height ?? 0);
  const text = String(props.value ?? '');
  const negative = text.startsWith('-');
  const left = Math.min(x, x + width);
  const right = Math.max(x, x + width);
  return (
    <text
      className="bar-label"
      x={negative ? left - 4 : right + 4}
      y={y + height / 2}
      dominantBaseline="central"
      textAnchor={negative ? 'end' : 'start'}
      fontSize={11}
      fill="#1a1d23"
    >
      {text}
    </text>
  );
}

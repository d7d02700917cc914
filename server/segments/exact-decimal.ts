import { assertNever, type NumberCondition } from "./conditions";

/**
 * Exact decimal sums for the in-memory aggregates, so that they agree with Postgres' numeric: 0.1 + 0.2 is
 * 0.3 in both (as doubles it is 0.30000000000000004). A number is taken at its shortest decimal form (String(n)), which
 * is exactly what Postgres stored from the same JSON. Only addition and multiplication by a count are needed:
 * an average is compared as sum ⋛ threshold × count, never divided.
 */
export interface Decimal {
  /** value = digits × 10^−scale */
  digits: bigint;
  scale: number;
}

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:e([+-]?[0-9]+))?$/i;

export function decimalOf(n: number): Decimal {
  const m = DECIMAL.exec(String(n));
  if (!m) throw new Error(`Not a finite number: ${n}`);
  const fraction = m[3] ?? "";
  const scale = fraction.length - Number(m[4] ?? 0);
  const digits = BigInt(`${m[1]}${m[2]}${fraction}`);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

const rescale = (d: Decimal, scale: number) => d.digits * 10n ** BigInt(scale - d.scale);

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { digits: rescale(a, scale) + rescale(b, scale), scale };
}

function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const [x, y] = [rescale(a, scale), rescale(b, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A number condition on value ⋛ threshold × times (times = 1: the value itself; the count: an average). */
export function matchDecimal(c: NumberCondition, value: Decimal, times = 1n): boolean {
  const against = (threshold: number) => {
    const t = decimalOf(threshold);
    return compare(value, { digits: t.digits * times, scale: t.scale });
  };
  switch (c.operator) {
    case "eq":
      return against(c.value) === 0;
    case "neq":
      return against(c.value) !== 0;
    case "lt":
      return against(c.value) < 0;
    case "lte":
      return against(c.value) <= 0;
    case "gt":
      return against(c.value) > 0;
    case "gte":
      return against(c.value) >= 0;
    case "between":
      return against(c.min) >= 0 && against(c.max) <= 0;
    default:
      return assertNever(c);
  }
}

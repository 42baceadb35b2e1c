/**
 * Money in integer micro-dollars (1e-6 USD), turned into dollars only at the edge.
 *
 * Floating-point sums of prices such as 0.0225 × 730 drift by fractions of a cent; integers do
 * not, so the guide's reference figures ($14.60, $15.60, $24.60) come out exact.
 */

const MICROS_PER_USD = 1_000_000;

/** A price in whole micro-dollars. Prices with more than 6 decimals are rounded to the micro-dollar. */
export function priceMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** quantity × price, in whole micro-dollars. */
export function costMicros(quantity: number, unitPriceUsd: number): number {
  return Math.round(quantity * priceMicros(unitPriceUsd));
}

export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** Rounds micro-dollars to whole cents, half away from zero (as a bill would). */
export function microsToCents(micros: number): number {
  const sign = micros < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(micros) / 10_000);
}

/** The sum of micro-dollar amounts. */
export function sumMicros<T>(items: readonly T[], micros: (item: T) => number): number {
  return items.reduce((n, i) => n + micros(i), 0);
}

/** `1234.5` → `1,234.50`, rounded to the cent from exact micro-dollars. */
export function formatUsd(usd: number): string {
  const cents = microsToCents(priceMicros(usd));
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

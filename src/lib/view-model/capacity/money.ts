/**
 * Money as the cost meter writes it (USD, as AWS bills). Its own tiny module: the capacity
 * section's folded one-line summary needs it in the page's first chunk, the rest of the cost
 * meter's view model does not.
 */

/** `$0.0123` under a dollar (four decimals: a minute of a small task costs fractions of a cent), `$12.34` above. */
export function usd(amount: number): string {
  const value = Number.isFinite(amount) ? amount : 0;
  return Math.abs(value) < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function usdPerHour(amount: number): string {
  return `${usd(amount)}/h`;
}

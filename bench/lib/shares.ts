/** A share as the benchmark tables print it: "12.5% (3/24)", or "–" of nothing. */
export const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`);

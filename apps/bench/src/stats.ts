import * as os from 'node:os';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample (milliseconds, or any unit). */
export function percentiles(sample: readonly number[]): Percentiles {
  const sorted = [...sample].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** The machine's 1/5/15-minute load averages and core count: figures on a shared machine need them. */
export function loadAverage(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} on ${os.cpus().length} cores`;
}

export const ms = (n: number, width = 8) => (Number.isFinite(n) ? n.toFixed(1) : '-').padStart(width);

/** Runs `work(i)` for i in [0, count) from `clients` concurrent loops. */
export async function inParallel(
  clients: number,
  count: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

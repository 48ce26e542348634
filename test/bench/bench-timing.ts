/** p50 and p95 of a list of milliseconds, rounded to hundredths. */
export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: Number(at(50).toFixed(2)), p95: Number(at(95).toFixed(2)) };
}

/** Times `runs` calls after ten warm-up calls (statements prepared, pages cached). */
export async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

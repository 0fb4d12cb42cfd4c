import type { BenchFigures } from './runEngineBench';

export interface BenchSummary {
  messages: number;
  perSecond: number;
  p50us: number;
  p99us: number;
  /** Mean microseconds per message spent outside the NLU (the engine step or the XState transition). */
  runtimeMeanUs: number;
  nluMeanUs: number;
}

/** Throughput and latency percentiles of one timed run. Pure. */
export function summarizeBenchFigures(figures: BenchFigures): BenchSummary {
  const sorted = Float64Array.from(figures.latencies).sort();
  const at = (q: number): number => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000;
  const total = sorted.reduce((sum, ns) => sum + ns, 0);
  const nluNs = Number(figures.nluNs);
  return {
    messages: figures.messages,
    perSecond: figures.messages / (Number(figures.wallNs) / 1e9),
    p50us: at(0.5),
    p99us: at(0.99),
    runtimeMeanUs: (total - nluNs) / figures.messages / 1000,
    nluMeanUs: nluNs / figures.messages / 1000,
  };
}

// Minimal types for autocannon 8 (it ships none): the parts bench scripts use.
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string;
    path?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    /** Called with each response of this connection; `context` is the one setupRequest saw. */
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  interface Stats {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    overallRate?: number;
    requests?: AutocannonRequest[];
  }
  interface Result {
    requests: Stats;
    latency: Stats;
    throughput: Stats;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** The running load: a promise of its result that stop() ends early. */
  interface Instance extends Promise<Result> {
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}

// autocannon ships no types; the benchmark uses this much of it.
declare module 'autocannon' {
  interface Result {
    requests: { total: number };
    latency: { p50: number };
  }
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  }
  function autocannon(options: Record<string, unknown>): Instance;
  export default autocannon;
}

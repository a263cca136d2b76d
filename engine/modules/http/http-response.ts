import type { IncomingHttpHeaders } from 'node:http';
import type { ExchangeTimings } from './vu-http-client.ts';

const canonicalNames = new Map<string, string>();

/** `Content-Type` for `content-type`: k6 canonicalizes response header names like Go's net/http. */
export function canonicalHeaderName(name: string): string {
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    canonical = name.replace(/(^|-)([a-z])/g, (_whole, dash: string, letter: string) => dash + letter.toUpperCase());
    // Servers send the same few header names over and over; a stray flood of unique ones must not grow this.
    if (canonicalNames.size < 1000) canonicalNames.set(name, canonical);
  }
  return canonical;
}

/** Walks a gjson-like path (`items.0.id`, `items.#`) the way k6's `res.json(selector)` does for simple paths. */
function select(value: unknown, selector: string): unknown {
  let current = value;
  for (const part of selector.split('.')) {
    if (current == null) return undefined;
    if (part === '#' && Array.isArray(current)) return current.length;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export interface ResponseRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The `Response` object of `k6/http`. */
export class HttpResponse {
  private canonicalHeaders: Record<string, string> | undefined;

  constructor(
    readonly status: number,
    readonly status_text: string,
    private readonly rawHeaders: IncomingHttpHeaders,
    readonly body: string | ArrayBuffer | null,
    readonly timings: ExchangeTimings,
    readonly url: string,
    readonly request: ResponseRequest,
    readonly error: string,
    readonly error_code: number,
  ) {}

  readonly proto = 'HTTP/1.1';

  get headers(): Record<string, string> {
    if (!this.canonicalHeaders) {
      this.canonicalHeaders = {};
      for (const name in this.rawHeaders) {
        const value = this.rawHeaders[name];
        this.canonicalHeaders[canonicalHeaderName(name)] = Array.isArray(value) ? value.join(', ') : String(value);
      }
    }
    return this.canonicalHeaders;
  }

  json(selector?: string): unknown {
    if (typeof this.body !== 'string') {
      throw new Error(`cannot parse the response body as JSON: it is ${this.body === null ? 'null (responseType none?)' : 'binary'}`);
    }
    const parsed: unknown = JSON.parse(this.body);
    return selector ? select(parsed, selector) : parsed;
  }
}

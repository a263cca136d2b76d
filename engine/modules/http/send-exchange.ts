import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { ExchangeTimings, VuHttpClient } from './vu-http-client.ts';

/** One request and its response, without following redirects. */
export interface ExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
  timeoutMs: number;
  /** Whether to keep the body; `responseType: 'none'` discards it while still reading it off the wire. */
  keepBody: boolean;
  signal: AbortSignal;
}

export interface ExchangeResult {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer | null;
  timings: ExchangeTimings;
  error?: Error & { code?: string };
}

export class RequestTimeoutError extends Error {
  readonly code = 'LOADBOOK_REQUEST_TIMEOUT';
  constructor(ms: number) {
    super(`request timeout after ${ms}ms`);
  }
}

/**
 * Dispatches through undici's handler interface rather than `request()`, so no stream is created per
 * response and every phase of k6's timing split is observed directly.
 */
export function sendExchange(client: VuHttpClient, request: ExchangeRequest): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const dispatched = performance.now();
    let started = 0;
    let sent = 0;
    let firstByte = 0;
    let status = 0;
    let statusText = '';
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let settled = false;
    let abortRequest: ((reason?: Error) => void) | undefined;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      const end = performance.now();
      const begin = started || end;
      const { connecting, tls } = client.connectTimingsBetween(dispatched, begin);
      const sending = sent ? sent - begin : 0;
      const waiting = firstByte ? firstByte - (sent || begin) : 0;
      const receiving = firstByte ? end - firstByte : 0;
      resolve({
        status: error ? 0 : status,
        statusText,
        headers,
        body: request.keepBody && !error ? Buffer.concat(chunks) : null,
        timings: {
          blocked: Math.max(0, begin - dispatched - connecting - tls),
          connecting,
          tls_handshaking: tls,
          sending,
          waiting,
          receiving,
          duration: sending + waiting + receiving,
        },
        error,
      });
    };
    const onAbort = () => {
      abortRequest?.(new Error('iteration interrupted'));
      finish(new Error('iteration interrupted'));
    };
    const timer = setTimeout(() => {
      const timeout = new RequestTimeoutError(request.timeoutMs);
      abortRequest?.(timeout);
      finish(timeout);
    }, request.timeoutMs);
    request.signal.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        started = performance.now();
        abortRequest = (reason) => controller.abort(reason ?? new Error('aborted'));
        // The write of a small request completes synchronously after this callback returns.
        process.nextTick(() => (sent = performance.now()));
      },
      onResponseStart(_controller, statusCode, responseHeaders, statusMessage) {
        if (statusCode < 200) return;
        firstByte = performance.now();
        if (!sent) sent = firstByte;
        status = statusCode;
        statusText = statusMessage ?? '';
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        if (request.keepBody) chunks.push(chunk);
      },
      onResponseEnd() {
        finish();
      },
      onResponseError(_controller, error) {
        finish(error);
      },
    };
    try {
      client.dispatcher.dispatch(
        {
          origin: request.url.origin,
          path: request.url.pathname + request.url.search,
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
        },
        handler,
      );
    } catch (error) {
      finish(error as Error);
    }
  });
}

import type { Tags } from '../../metrics/metric-types.ts';
import type { Vu } from '../../runtime/vu.ts';
import { customTagKey, TagSetCache } from '../../runtime/tag-set-cache.ts';
import { DEFAULT_RESPONSE_CALLBACK, expectedStatuses, type ResponseCallback } from './expected-statuses.ts';
import { HttpResponse } from './http-response.ts';
import { errorCodeOf, errorCodeOfStatus, HTTP_ERROR_CODES } from './http-error-code.ts';
import { encodeBody, httpDefaults, normalizeParams, type RequestParams } from './request-params.ts';
import { Http1Client } from './http1-client.ts';
import type { HttpTransport } from './http-transport.ts';
import { RequestTimeoutError, type ExchangeResult } from './send-exchange.ts';
import { VuHttpClient } from './vu-http-client.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const SYNC_FORMS = ['request', 'get', 'post', 'put', 'patch', 'del', 'head', 'options', 'batch'] as const;

/** `http.url\`...\``: a URL whose `name` tag keeps the template, so ids in paths do not explode series. */
class TemplatedUrl {
  constructor(
    readonly url: string,
    readonly name: string,
  ) {}
  toString(): string {
    return this.url;
  }
}

function syncFormError(name: string): () => never {
  const method = name === 'del' ? 'DELETE' : name === 'request' || name === 'batch' ? 'METHOD' : name.toUpperCase();
  const replacement = name === 'batch' ? 'Promise.all([...].map((r) => http.asyncRequest(...r)))' : `await http.asyncRequest('${method}', url, body, params)`;
  return () => {
    throw new Error(`http.${name}() is synchronous and would block the VU; loadbook VUs never block, use ${replacement} instead`);
  };
}

/** The `k6/http` module of one VU. */
export function createHttpModule(vu: Vu) {
  const { builtins, tracer, redactor } = vu.runtime;
  const requestTags = new TagSetCache(vu);
  // Each VU has its own connections, as in k6: plain http on the lean HTTP/1.1 client, https on undici.
  let http1: Http1Client | undefined;
  let https: VuHttpClient | undefined;
  const transportFor = (url: URL): HttpTransport => {
    if (url.protocol === 'http:') return (http1 ??= new Http1Client(vu.runtime.hostAllowlist));
    return (https ??= new VuHttpClient(vu.runtime.hostAllowlist));
  };
  vu.onInterrupt(() => http1?.abortAll());
  let defaults: ReturnType<typeof httpDefaults> | undefined;
  let responseCallback: ResponseCallback | null = DEFAULT_RESPONSE_CALLBACK;

  /**
   * k6's system tags for one response. A request the script named keeps its name as the `url` tag too:
   * the engine aggregates per tag set, and one series per product id would cost memory and CPU every
   * second while telling nothing the name does not. The cache is keyed by the raw URL and the tags hold
   * it masked (userinfo as k6 masks it, configured query parameters), so masking runs once per tag set.
   */
  function tagSetOf(response: HttpResponse, params: RequestParams, nameTag: string, named: boolean, expected: boolean | undefined, errorCode: number) {
    const method = response.request.method;
    const url = named ? nameTag : response.url;
    const custom = customTagKey(params.tags, 'name');
    const key = custom === '' && method === 'GET' ? url : `${method}\u0000${url}\u0000${custom}`;
    const variant = (response.status * 2000 + errorCode) * 3 + (expected === undefined ? 2 : expected ? 1 : 0);
    return requestTags.get(
      key,
      (base) => {
        const tags: Tags = { ...base, name: redactor.url(nameTag), url: redactor.url(url), method, status: String(response.status), proto: response.proto };
        if (expected !== undefined) tags.expected_response = String(expected);
        if (errorCode) tags.error_code = String(errorCode);
        for (const tag in params.tags) if (tag !== 'name') tags[tag] = String(params.tags[tag]);
        return tags;
      },
      variant,
    );
  }

  function emit(
    transport: HttpTransport,
    result: ExchangeResult,
    response: HttpResponse,
    params: RequestParams,
    nameTag: string,
    named: boolean,
    errorCode: number,
    traceparent: string,
  ): void {
    const callback = params.responseCallback === undefined ? responseCallback : params.responseCallback;
    const expected = callback ? callback(response) : undefined;
    const tagSet = tagSetOf(response, params, nameTag, named, expected, errorCode);
    const { timings } = result;
    vu.emit(builtins.http_reqs, tagSet, 1);
    vu.emit(builtins.http_req_duration, tagSet, timings.duration);
    vu.emit(builtins.http_req_blocked, tagSet, timings.blocked);
    vu.emit(builtins.http_req_connecting, tagSet, timings.connecting);
    vu.emit(builtins.http_req_tls_handshaking, tagSet, timings.tls_handshaking);
    vu.emit(builtins.http_req_sending, tagSet, timings.sending);
    vu.emit(builtins.http_req_waiting, tagSet, timings.waiting);
    vu.emit(builtins.http_req_receiving, tagSet, timings.receiving);
    if (expected !== undefined) vu.emit(builtins.http_req_failed, tagSet, expected ? 0 : 1);
    const bytes = transport.takeByteCounts();
    const baseSet = vu.baseTagSet();
    if (bytes.sent) vu.emit(builtins.data_sent, baseSet, bytes.sent);
    if (bytes.received) vu.emit(builtins.data_received, baseSet, bytes.received);
    if (tracer !== undefined) {
      tracer.record(vu.scenario, traceparent, 'http_req_duration', timings.duration, nameTag, response.status, result.headers);
    }
  }

  async function asyncRequest(method: string, url: unknown, body?: unknown, rawParams?: unknown): Promise<HttpResponse> {
    if (vu.stage === 'init') {
      throw new Error('HTTP requests cannot be made in the init context; make them in setup(), the default function or teardown()');
    }
    const params = normalizeParams(rawParams, (defaults ??= httpDefaults(vu.runtime.options)));
    const named = params.tags.name !== undefined || url instanceof TemplatedUrl;
    const nameTag = params.tags.name ?? (url instanceof TemplatedUrl ? url.name : String(url));
    let target: URL;
    try {
      target = new URL(String(url));
    } catch {
      throw new Error(`invalid URL ${JSON.stringify(String(url))}; expected an absolute http:// or https:// URL`);
    }
    const iteration = vu.iteration;
    let currentMethod = method.toUpperCase();
    let payload = encodeBody(body, params.headers);
    // A traceparent the script set is sent and recorded as it is; otherwise every hop gets a new one.
    const scriptTraceparent = tracer === undefined ? undefined : tracer.scriptTraceparent(params.headers);
    let traceparent = '';
    for (let hop = 0; ; hop++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        throw new Error(`invalid URL ${JSON.stringify(target.href)}; expected an http:// or https:// URL`);
      }
      const transport = transportFor(target);
      if (tracer !== undefined) traceparent = scriptTraceparent ?? (params.headers.traceparent = tracer.traceparent());
      const result = await transport.send({
        method: currentMethod,
        url: target,
        headers: params.headers,
        body: payload,
        timeoutMs: params.timeoutMs,
        keepBody: params.responseType !== 'none',
        signal: vu.signal,
      });
      if (vu.interrupted || vu.iteration !== iteration) throw new Error('iteration interrupted');
      const errorCode = result.error
        ? result.error instanceof RequestTimeoutError
          ? HTTP_ERROR_CODES.requestTimeout
          : errorCodeOf(result.error)
        : errorCodeOfStatus(result.status);
      const responseBody =
        result.body === null ? null : params.responseType === 'binary' ? new Uint8Array(result.body).buffer : result.body.toString('utf8');
      const response = new HttpResponse(
        result.status,
        result.statusText ? `${result.status} ${result.statusText}` : '',
        result.headers,
        responseBody,
        result.timings,
        target.href,
        { method: currentMethod, url: target.href, headers: params.headers, body: typeof payload === 'string' ? payload : '' },
        result.error ? result.error.message : '',
        errorCode,
      );
      emit(transport, result, response, params, nameTag, named, errorCode, traceparent);
      const location = result.headers.location;
      if (!REDIRECT_STATUSES.has(result.status) || typeof location !== 'string' || hop >= params.redirects) return response;
      target = new URL(location, target);
      if (result.status === 303 || ((result.status === 301 || result.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        payload = null;
      }
    }
  }

  const module = {
    asyncRequest,
    expectedStatuses,
    setResponseCallback(callback: ResponseCallback | null) {
      responseCallback = callback;
    },
    url(strings: TemplateStringsArray, ...values: unknown[]) {
      const url = strings.reduce((whole, part, index) => whole + part + (index < values.length ? String(values[index]) : ''), '');
      return new TemplatedUrl(url, strings.join('${}'));
    },
    ...Object.fromEntries(SYNC_FORMS.map((name) => [name, syncFormError(name)])),
  };
  return { ...module, default: module, __esModule: true };
}

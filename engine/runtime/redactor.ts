import { DEFAULT_CONFIG } from '../../lib/config.ts';
import { OptionsError } from '../errors.ts';

/** What the engine masks in everything it writes: tags, exemplars, log lines, `--out json`. */
export interface RedactOptions {
  /**
   * Query parameters whose values are written as `****`, matched without regard to case.
   * @default DEFAULT_REDACT.queryParams
   */
  queryParams: readonly string[];
  /**
   * Headers whose values are written as `****` wherever a log line shows them, matched without regard to case.
   * @default DEFAULT_REDACT.headers
   */
  headers: readonly string[];
}

/** loadbook's config default (`redact`): names that carry credentials in the wild. */
export const DEFAULT_REDACT: Readonly<RedactOptions> = DEFAULT_CONFIG.redact;

/** `redact` as a run request gave it, checked and copied; absent, the defaults. */
export function checkedRedactOptions(redact: RedactOptions | undefined): RedactOptions {
  if (redact === undefined) return DEFAULT_REDACT;
  for (const key of ['queryParams', 'headers'] as const) {
    const names: unknown = redact[key];
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string' && name !== '')) {
      throw new OptionsError(`invalid redact.${key} ${JSON.stringify(names)}; expected a list of non-empty names such as ["token"]`);
    }
  }
  return { queryParams: [...redact.queryParams], headers: [...redact.headers] };
}

export const MASK = '****';

const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A scheme, `//`, then userinfo up to `@`: the credentials of `http://user:pw@host`.
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>]*)@/gi;

/**
 * Masks credentials in URLs and text. Userinfo becomes `****:****` (or `****` without a password), as k6
 * writes it; values of the configured query parameters become `****`. Built once per run, and a URL is
 * only scanned when it has an `@` or a `?`, so tagging a plain URL costs two character searches.
 */
export class Redactor {
  private readonly queryParams: ReadonlySet<string>;
  private readonly queryInText: RegExp | undefined;
  private readonly headerInText: RegExp | undefined;

  constructor(readonly options: Readonly<RedactOptions> = DEFAULT_REDACT) {
    this.queryParams = new Set(options.queryParams.map((name) => name.toLowerCase()));
    const params = options.queryParams.map(escape).join('|');
    this.queryInText = params === '' ? undefined : new RegExp(`([?&;](?:${params})=)([^&#\\s"'<>]*)`, 'gi');
    const headers = options.headers.map(escape).join('|');
    // `Authorization: Bearer x`, `"authorization":"Bearer x"`, `authorization=x`: the value up to the line's or quote's end.
    this.headerInText = headers === '' ? undefined : new RegExp(`\\b(${headers})(["']?\\s*[:=]\\s*["']?)([^"'\\r\\n]+)`, 'gi');
  }

  /** A URL (or a name tag holding one) as tags and exemplars may show it. */
  url(url: string): string {
    const at = url.indexOf('@');
    const query = url.indexOf('?');
    if (at < 0 && query < 0) return url;
    let masked = at < 0 ? url : maskUserinfo(url);
    if (query >= 0 && this.queryParams.size > 0) masked = this.maskQuery(masked);
    return masked;
  }

  /** Free text such as a log line: every URL's userinfo and query secrets, and configured headers' values. */
  text(text: string): string {
    let masked = text.includes('@') ? text.replace(USERINFO, (_, scheme: string, info: string) => scheme + maskedUserinfo(info) + '@') : text;
    if (this.queryInText && masked.includes('=')) masked = masked.replace(this.queryInText, `$1${MASK}`);
    if (this.headerInText) masked = masked.replace(this.headerInText, `$1$2${MASK}`);
    return masked;
  }

  private maskQuery(url: string): string {
    const start = url.indexOf('?');
    const hash = url.indexOf('#', start);
    const end = hash < 0 ? url.length : hash;
    const pairs = url.slice(start + 1, end).split('&');
    let changed = false;
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i]!;
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      if (this.queryParams.has(decodeName(pair.slice(0, eq)))) {
        pairs[i] = `${pair.slice(0, eq)}=${MASK}`;
        changed = true;
      }
    }
    return changed ? `${url.slice(0, start + 1)}${pairs.join('&')}${url.slice(end)}` : url;
  }
}

function maskUserinfo(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const authorityEnd = url.slice(scheme + 3).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(scheme + 3) : url.slice(scheme + 3, scheme + 3 + authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  return url.slice(0, scheme + 3) + maskedUserinfo(authority.slice(0, at)) + url.slice(scheme + 3 + at);
}

function maskedUserinfo(info: string): string {
  return info.includes(':') ? `${MASK}:${MASK}` : MASK;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Http1ParseError, Http1ResponseParser, type ResponseParserHandler } from '../../../../../engine/modules/http/http1-response-parser.ts';

interface Parsed {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  bodyLength: number;
  body: string;
  complete: boolean;
  keepAlive: boolean;
}

class Recorder implements ResponseParserHandler {
  readonly responses: Parsed[] = [];
  readonly parser = new Http1ResponseParser(this);

  onResponseHead(status: number, statusText: string, headers: IncomingHttpHeaders, bodyLength: number): void {
    this.responses.push({ status, statusText, headers, bodyLength, body: '', complete: false, keepAlive: true });
  }
  onResponseBody(chunk: Buffer, start: number, end: number): void {
    this.responses.at(-1)!.body += chunk.toString('latin1', start, end);
  }
  onResponseComplete(): void {
    const last = this.responses.at(-1)!;
    last.complete = true;
    last.keepAlive = this.parser.keepAlive;
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing split can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Feeds `pieces` the way sockets deliver them with a shared read buffer: each piece is copied into one
 * buffer whose remainder holds stale bytes that look like HTTP, and that buffer is scribbled over after
 * every call, so a parser that keeps references into it or reads past `end` fails.
 */
function parse(pieces: Buffer[], options: { noBody?: boolean; eof?: boolean } = {}): Recorder {
  const recorder = new Recorder();
  recorder.parser.noBody = options.noBody ?? false;
  const shared = Buffer.alloc(Math.max(4096, ...pieces.map((piece) => piece.length + 64)));
  const stale = Buffer.from('\r\n\r\nHTTP/1.1 500 Stale\r\n\r\n0\r\n\r\n', 'latin1');
  for (const piece of pieces) {
    for (let at = 0; at < shared.length; at += stale.length) stale.copy(shared, at);
    piece.copy(shared, 0);
    recorder.parser.execute(shared, 0, piece.length);
  }
  shared.fill(0x58);
  if (options.eof) recorder.parser.finish();
  return recorder;
}

function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

function splitAt(whole: Buffer, cuts: number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pieces.push(whole.subarray(from, cut));
    from = cut;
  }
  pieces.push(whole.subarray(from));
  return pieces;
}

interface Fixture {
  name: string;
  raw: string;
  noBody?: boolean;
  eof?: boolean;
  expected: Array<Partial<Parsed>>;
}

const FIXTURES: Fixture[] = [
  {
    name: 'a Content-Length body',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello',
    expected: [{ status: 200, statusText: 'OK', headers: { 'content-type': 'text/plain', 'content-length': '5' }, bodyLength: 5, body: 'hello', keepAlive: true }],
  },
  {
    name: 'a chunked body with chunk extensions and trailers',
    raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6 ; a="b"\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n',
    expected: [{ status: 200, bodyLength: -1, body: 'hello world0123456789', keepAlive: true }],
  },
  {
    name: 'a chunked body without trailers',
    raw: 'HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    expected: [{ status: 201, statusText: 'Created', body: 'abc' }],
  },
  {
    name: 'a body delimited by the connection closing',
    raw: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the server closes',
    eof: true,
    expected: [{ status: 200, bodyLength: -1, body: 'until the server closes', keepAlive: false }],
  },
  {
    name: 'a response to HEAD, whose Content-Length describes a body that is not sent',
    raw: 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
    noBody: true,
    expected: [
      { status: 200, bodyLength: 0, body: '', headers: { 'content-length': '1234' } },
      { status: 404, body: '' },
    ],
  },
  {
    name: 'a 204 and a 304 with no body',
    raw: 'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "x"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    expected: [
      { status: 204, body: '' },
      { status: 304, body: '', headers: { 'content-length': '10', etag: '"x"' } },
      { status: 200, body: 'ok' },
    ],
  },
  {
    name: '100 Continue and 103 Early Hints before the final response',
    raw: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    expected: [{ status: 200, body: 'ok', headers: { 'content-length': '2' } }],
  },
  {
    name: 'repeated headers, joined except Set-Cookie, with names lowercased and values trimmed',
    raw: 'HTTP/1.1 200 OK\r\nX-Multi: 1\r\nx-multi:2  \r\nSet-Cookie: a=1\r\nSET-COOKIE: b=2; Path=/\r\nContent-Length: 0\r\n\r\n',
    expected: [{ status: 200, headers: { 'x-multi': '1, 2', 'set-cookie': ['a=1', 'b=2; Path=/'], 'content-length': '0' }, body: '' }],
  },
  {
    name: 'a status line without a reason phrase and empty lines before it',
    raw: '\r\n\r\nHTTP/1.1 503\r\nContent-Length: 4\r\n\r\ndown',
    expected: [{ status: 503, statusText: '', body: 'down' }],
  },
  {
    name: 'HTTP/1.0 without keep-alive, which ends the connection',
    raw: 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok',
    expected: [{ status: 200, body: 'ok', keepAlive: false }],
  },
  {
    name: 'HTTP/1.0 with Connection: keep-alive',
    raw: 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok',
    expected: [{ status: 200, body: 'ok', keepAlive: true }],
  },
  {
    name: 'HTTP/1.1 with Connection: close',
    raw: 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok',
    expected: [{ status: 200, body: 'ok', keepAlive: false }],
  },
  {
    name: 'two responses back to back',
    raw: 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\noneHTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n',
    expected: [
      { status: 200, body: 'one' },
      { status: 202, statusText: 'Accepted', body: 'two' },
    ],
  },
];

function expectParsed(recorder: Recorder, fixture: Fixture): void {
  expect(recorder.responses).toHaveLength(fixture.expected.length);
  fixture.expected.forEach((expected, index) => {
    expect(recorder.responses[index]).toMatchObject({ ...expected, complete: true });
  });
  expect(recorder.parser.midResponse).toBe(false);
}

describe('Http1ResponseParser', () => {
  describe.each(FIXTURES)('parses $name', (fixture) => {
    const whole = bytes(fixture.raw);
    const options = { noBody: fixture.noBody, eof: fixture.eof };

    it('when it arrives in one piece', () => {
      expectParsed(parse([whole], options), fixture);
    });

    it('when it arrives one byte at a time', () => {
      const pieces = Array.from({ length: whole.length }, (_, index) => whole.subarray(index, index + 1));
      expectParsed(parse(pieces, options), fixture);
    });

    it('when it is split in two at every possible offset', () => {
      for (let cut = 1; cut < whole.length; cut++) expectParsed(parse(splitAt(whole, [cut]), options), fixture);
    });

    it('when it is split at 200 random sets of offsets', () => {
      const next = random(whole.length);
      for (let round = 0; round < 200; round++) {
        const cuts = Array.from({ length: 1 + Math.floor(next() * 6) }, () => 1 + Math.floor(next() * (whole.length - 1)));
        expectParsed(parse(splitAt(whole, [...new Set(cuts)]), options), fixture);
      }
    });
  });

  it('reports the Content-Length as the body length, 0 for bodiless responses and -1 when unknown', () => {
    const recorder = parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n1234567')]);
    expect(recorder.responses.map((response) => response.bodyLength)).toEqual([0, 7]);
  });

  it('waits for more bytes rather than completing a Content-Length body early', () => {
    const recorder = parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf')]);
    expect(recorder.responses[0]).toMatchObject({ status: 200, body: 'half', complete: false });
    expect(recorder.parser.midResponse).toBe(true);
  });

  it.each([
    ['a misspelled protocol', 'HTP/1.1 200 OK\r\n\r\n'],
    ['a non-numeric status code', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['an HTTP/2 version', 'HTTP/2.0 200 OK\r\n\r\n'],
    ['a missing space after the status code', 'HTTP/1.1 200OK\r\n\r\n'],
    ['plain garbage', 'garbage\r\n\r\n'],
  ])('throws Http1ParseError on a malformed status line: %s', (_name, raw) => {
    expect(() => parse([bytes(raw)])).toThrow(Http1ParseError);
    expect(() => parse([bytes(raw)])).toThrow(/malformed status/);
  });

  it.each([
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n', /malformed header line/],
    ['whitespace before the colon', 'HTTP/1.1 200 OK\r\nName : value\r\n\r\n', /malformed header line/],
    ['a non-numeric Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n', /malformed Content-Length/],
    ['conflicting Content-Length headers', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', /conflicting Content-Length/],
    ['a non-hex chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /chunk size/],
    ['an empty chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n', /empty chunk size/],
    ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', /expected CRLF after chunk data/],
  ])('throws Http1ParseError on %s', (_name, raw, message) => {
    expect(() => parse([bytes(raw)])).toThrow(message);
  });

  it('refuses a head larger than 64 KiB instead of buffering it', () => {
    const huge = bytes(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70 * 1024)}`);
    expect(() => parse(splitAt(huge, [1000, 40_000]))).toThrow(/larger than/);
    expect(() => parse([huge])).toThrow(/larger than/);
  });

  it('throws when the connection closes in the middle of a body', () => {
    expect(() => parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf')], { eof: true })).toThrow(/before the response was complete/);
  });

  it('accepts the connection closing between responses', () => {
    const recorder = parse([bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')], { eof: true });
    expect(recorder.responses).toHaveLength(1);
  });
});

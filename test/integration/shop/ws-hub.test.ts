import { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startShop, type RunningShop } from '../../../shop/start-shop.ts';

let shop: RunningShop;
let hubUrl: string;
const opened: WebSocket[] = [];
beforeAll(async () => {
  shop = await startShop({ productCount: 1 });
  hubUrl = `${shop.url.replace(/^http/, 'ws')}/ws`;
});
afterEach(() => {
  for (const ws of opened.splice(0)) ws.close();
});
afterAll(() => shop.close());

/** A hub client that keeps every frame it receives, so none is missed between awaits. */
interface HubClient {
  ws: WebSocket;
  frames: any[];
  send(frame: unknown): void;
  /** Resolves with the next frame not yet taken. */
  next(): Promise<any>;
}

async function connect(url = hubUrl): Promise<HubClient> {
  const ws = new WebSocket(url);
  opened.push(ws);
  const frames: any[] = [];
  let taken = 0;
  let waiting: (() => void) | undefined;
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()));
    waiting?.();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: async () => {
      while (frames.length <= taken) await new Promise<void>((resolve) => (waiting = resolve));
      return frames[taken++];
    },
  };
}

async function join(room: string): Promise<HubClient> {
  const client = await connect();
  client.send({ type: 'join', room });
  await client.next();
  return client;
}

describe('WebSocket hub at /ws', () => {
  it('answers a join with the room and how many sockets are in it', async () => {
    const first = await connect();
    first.send({ type: 'join', room: 'count-room' });
    expect(await first.next()).toEqual({ type: 'joined', room: 'count-room', members: 1 });
    const second = await connect();
    second.send({ type: 'join', room: 'count-room' });
    expect(await second.next()).toEqual({ type: 'joined', room: 'count-room', members: 2 });
  });

  it('sends a publish to both subscribers of the room, with sentAt (to the microsecond) and id unchanged', async () => {
    const [a, b] = [await join('lobby'), await join('lobby')];
    const publisher = await connect();
    const frame = { type: 'publish', room: 'lobby', sentAt: performance.timeOrigin + performance.now(), id: 'm-1', payload: 'x'.repeat(256) };
    publisher.send(frame);
    const expected = { ...frame, type: 'broadcast' };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);
  });

  it('delivers every broadcast to every subscriber: publishers × messages × subscribers frames', async () => {
    const subscribers = await Promise.all(Array.from({ length: 4 }, () => join('fanout')));
    const publishers = await Promise.all(Array.from({ length: 3 }, () => connect()));
    const perPublisher = 20;
    publishers.forEach((p, i) => {
      for (let m = 0; m < perPublisher; m++) p.send({ type: 'publish', room: 'fanout', sentAt: Date.now(), id: `p${i}-${m}`, payload: '' });
    });
    for (const s of subscribers) {
      for (let n = 0; n < publishers.length * perPublisher; n++) await s.next();
      expect(new Set(s.frames.slice(1).map((f) => f.id)).size).toBe(publishers.length * perPublisher);
    }
  });

  it('does not send a room its neighbours\' broadcasts', async () => {
    const other = await join('quiet-room');
    const publisher = await connect();
    publisher.send({ type: 'publish', room: 'loud-room', sentAt: 1, id: 'n', payload: '' });
    publisher.send({ type: 'publish', room: 'quiet-room', sentAt: 2, id: 'q', payload: '' });
    expect((await other.next()).id).toBe('q');
  });

  it('answers a bad frame with an error and keeps the connection', async () => {
    const client = await connect();
    client.send('not json');
    expect(await client.next()).toEqual({
      type: 'error',
      error: 'invalid frame; expected a JSON object such as {"type":"join","room":"lobby"}, got "not json"',
    });
    client.send({ type: 'publish', room: 'lobby', id: 'x', payload: '' });
    expect((await client.next()).error).toMatch(/^invalid sentAt;/);
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.next()).error).toMatch(/^binary frame;/);
    client.send({ type: 'join', room: 'still-here' });
    expect(await client.next()).toEqual({ type: 'joined', room: 'still-here', members: 1 });
  });

  it('turns Nagle off on the server side of hub sockets', async () => {
    const noDelay = vi.spyOn(Socket.prototype, 'setNoDelay');
    try {
      const client = await connect();
      const clientPort = (client.ws as unknown as { _socket: Socket })._socket.localPort;
      const serverSide = (noDelay.mock.contexts as Socket[]).filter((socket, i) => socket.remotePort === clientPort && noDelay.mock.calls[i]![0] !== false);
      expect(serverSide.length).toBeGreaterThan(0);
    } finally {
      noDelay.mockRestore();
    }
  });

  it('exports connected sockets and broadcast counts in /metrics', async () => {
    await join('metrics-room');
    const publisher = await connect();
    publisher.send({ type: 'publish', room: 'metrics-room', sentAt: 1, id: 'm', payload: '' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = await (await fetch(`${shop.url}/metrics`)).text();
    expect(text).toContain('shop_ws_connected_sockets 2');
    expect(text).toMatch(/^shop_ws_broadcasts_total [1-9]\d*$/m);
    expect(text).toMatch(/^shop_ws_deliveries_total [1-9]\d*$/m);
  });

  it('refuses an upgrade on any other path with 404', async () => {
    const ws = new WebSocket(`${shop.url.replace(/^http/, 'ws')}/other`);
    const status = await new Promise((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('error', () => resolve('error')));
    expect(status).toBe(404);
  });

  it('closes hub sockets with 1001 when the shop closes', async () => {
    const own = await startShop({ productCount: 1 });
    const client = await connect(`${own.url.replace(/^http/, 'ws')}/ws`);
    const closed = new Promise((resolve) => client.ws.once('close', (code) => resolve(code)));
    await own.close();
    expect(await closed).toBe(1001);
  });
});

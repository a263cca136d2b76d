import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { Counter, Gauge, type Registry } from 'prom-client';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { parseHubMessage } from './hub-message.ts';

/** The path the hub answers upgrades on; any other upgrade gets a 404. */
export const WS_HUB_PATH = '/ws';

// The broadcast scenario sends payloads of a few hundred bytes; anything near this is a mistake.
const MAX_FRAME_BYTES = 64 * 1024;
// Sockets get this long to finish the close handshake when the shop closes, then they are cut.
const CLOSE_GRACE_MS = 1_000;
const GOING_AWAY = 1001;

export interface WsHub {
  /** Closes every socket (1001, going away) and stops taking upgrades. */
  close(): Promise<void>;
}

/**
 * A broadcast hub on the shop's HTTP server at /ws (see hub-message.ts for the protocol). Rooms are
 * sets of sockets; a publish is serialized once and the same bytes go to every member. Faults do not
 * apply here: the hub measures fan-out, and the scenario times it from the publisher's sentAt.
 */
export function attachWsHub(server: Server, registry: Registry): WsHub {
  const connected = new Gauge({
    name: 'shop_ws_connected_sockets',
    help: 'WebSocket connections open on the hub.',
    registers: [registry],
  });
  const broadcasts = new Counter({
    name: 'shop_ws_broadcasts_total',
    help: 'Publish frames the hub broadcast to a room.',
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'shop_ws_deliveries_total',
    help: 'Broadcast frames sent to sockets: one per member of the room per broadcast.',
    registers: [registry],
  });

  // perMessageDeflate stays off (ws's server default): compressing small frames costs more latency than it saves.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const rooms = new Map<string, Set<WebSocket>>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    if ((q === -1 ? url : url.slice(0, q)) !== WS_HUB_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The HTTP server turns Nagle off per connection and ws does on upgrade; set here as well, so the hub's
    // latency does not depend on either keeping that habit.
    (socket as Socket).setNoDelay(true);
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  };

  const onConnection = (ws: WebSocket): void => {
    connected.inc();
    const joined = new Set<string>();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        reply(ws, { type: 'error', error: 'binary frame; expected a JSON text frame such as {"type":"join","room":"lobby"}' });
        return;
      }
      const message = parseHubMessage(data.toString());
      switch (message.kind) {
        case 'error':
          reply(ws, { type: 'error', error: message.reason });
          return;
        case 'join': {
          let members = rooms.get(message.room);
          if (members === undefined) rooms.set(message.room, (members = new Set()));
          members.add(ws);
          joined.add(message.room);
          reply(ws, { type: 'joined', room: message.room, members: members.size });
          return;
        }
        case 'publish': {
          const { room, sentAt, id, payload } = message;
          broadcasts.inc();
          const members = rooms.get(room);
          if (members === undefined) return;
          const frame = Buffer.from(JSON.stringify({ type: 'broadcast', room, sentAt, id, payload }));
          let sent = 0;
          for (const member of members) {
            if (member.readyState !== WebSocket.OPEN) continue;
            member.send(frame, { binary: false });
            sent++;
          }
          deliveries.inc(sent);
          return;
        }
        default:
          message satisfies never;
      }
    });
    ws.once('close', () => {
      connected.dec();
      for (const room of joined) {
        const members = rooms.get(room);
        members?.delete(ws);
        if (members?.size === 0) rooms.delete(room);
      }
    });
    // A socket error (reset, oversized frame) is followed by 'close'; without a listener it would throw.
    ws.on('error', () => undefined);
  };

  server.on('upgrade', onUpgrade);

  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= new Promise((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const ws of wss.clients) ws.close(GOING_AWAY, 'shop closing');
        const cut = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, CLOSE_GRACE_MS);
        wss.close(() => {
          clearTimeout(cut);
          resolve();
        });
      })),
  };
}

function reply(ws: WebSocket, frame: object): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

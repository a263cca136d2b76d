import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A real WebSocket hub on loopback speaking the shop's broadcast protocol, for tests without the shop. */
export interface BroadcastHub {
  /** ws://127.0.0.1:<port>/ws */
  url: string;
  /** Sockets connected right now. */
  connections(): number;
  /** Publish frames received, over the hub's life. */
  published(): number;
  /** Broadcast frames written to subscribers, over the hub's life. */
  delivered(): number;
  /** Headers of the latest upgrade request. */
  lastHeaders(): http.IncomingHttpHeaders;
  close(): Promise<void>;
}

/**
 * The protocol (JSON text frames), as the shop's hub speaks it:
 * - `{"type":"join","room":R}` subscribes; the hub answers `{"type":"joined","room":R,"members":N}`;
 * - `{"type":"publish","room":R,"sentAt":T,"id":I,"payload":P}` goes to every socket joined to R
 *   (the publisher too, if joined) as `{"type":"broadcast","room":R,"sentAt":T,"id":I,"payload":P}`.
 */
export async function startBroadcastHub(): Promise<BroadcastHub> {
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  const hub = new WebSocketServer({ server, path: '/ws' });
  const rooms = new Map<string, Set<WebSocket>>();
  let published = 0;
  let delivered = 0;
  let lastHeaders: http.IncomingHttpHeaders = {};
  hub.on('connection', (socket, request) => {
    lastHeaders = request.headers;
    request.socket.setNoDelay(true);
    const joined = new Set<string>();
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse(data.toString('utf8')) as { type: string; room: string; sentAt?: number; id?: string; payload?: string };
      if (frame.type === 'join') {
        let members = rooms.get(frame.room);
        if (!members) rooms.set(frame.room, (members = new Set()));
        members.add(socket);
        joined.add(frame.room);
        socket.send(JSON.stringify({ type: 'joined', room: frame.room, members: members.size }));
      } else if (frame.type === 'publish') {
        published++;
        const broadcast = JSON.stringify({ type: 'broadcast', room: frame.room, sentAt: frame.sentAt, id: frame.id, payload: frame.payload });
        for (const member of rooms.get(frame.room) ?? []) {
          member.send(broadcast);
          delivered++;
        }
      }
    });
    socket.on('close', () => {
      for (const room of joined) rooms.get(room)?.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    connections: () => hub.clients.size,
    published: () => published,
    delivered: () => delivered,
    lastHeaders: () => lastHeaders,
    close: async () => {
      for (const client of hub.clients) client.terminate();
      await new Promise<void>((resolve) => hub.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

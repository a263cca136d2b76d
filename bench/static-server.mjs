// A minimal static product server for benchmarks: same body shape as the shop, no database, no delay
// unless DELAY_MS is set. Prints its URL as one JSON line, like the shop.
import http from 'node:http';

const delayMs = Number(process.env.DELAY_MS ?? 0);
const server = http.createServer((request, response) => {
  const id = Number(request.url.split('/').pop()) || 1;
  const body = JSON.stringify({ id, sku: `SKU-${id}`, name: `Product ${id}`, priceCents: 1299, stock: 7, description: 'static' });
  const send = () => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'X-Cache': 'HIT', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  };
  if (delayMs > 0) setTimeout(send, delayMs);
  else send();
});
server.keepAliveTimeout = 65_000;
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));

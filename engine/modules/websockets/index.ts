import type { Vu } from '../../runtime/vu.ts';
import { createWebSocketClass } from './web-socket-class.ts';
import { WsVuContext } from './ws-vu-context.ts';

/**
 * The `k6/websockets` module of one VU: the browser-style `WebSocket` and `Blob`. Its ws_* metrics are
 * registered when a script imports the module.
 */
export function createWebSocketsModule(vu: Vu) {
  const module = { WebSocket: createWebSocketClass(new WsVuContext(vu)), Blob };
  return { ...module, default: module, __esModule: true };
}

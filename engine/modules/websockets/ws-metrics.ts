import type { Metric, MetricRegistry } from '../../metrics/metric-registry.ts';

/** k6's WebSocket metrics, with k6's names and types. */
export interface WsMetrics {
  /** Trend (time): from the constructor to the completed handshake. */
  ws_connecting: Metric;
  /** Trend (time): from the constructor to the close of an opened session. */
  ws_session_duration: Metric;
  /** Counter: sessions whose handshake completed. */
  ws_sessions: Metric;
  /** Counter: messages passed to `send()` on an open socket. */
  ws_msgs_sent: Metric;
  /** Counter: text and binary messages received (pings and pongs excluded). */
  ws_msgs_received: Metric;
  /** Trend (time): from `ping()` to its pong. */
  ws_ping: Metric;
}

/**
 * Registers the ws_* metrics. They are not engine built-ins: like k6, a test that never imports
 * k6/websockets does not list them in its summary.
 */
export function defineWsMetrics(registry: MetricRegistry): WsMetrics {
  return {
    ws_connecting: registry.define('ws_connecting', 'trend', 'time'),
    ws_session_duration: registry.define('ws_session_duration', 'trend', 'time'),
    ws_sessions: registry.define('ws_sessions', 'counter'),
    ws_msgs_sent: registry.define('ws_msgs_sent', 'counter'),
    ws_msgs_received: registry.define('ws_msgs_received', 'counter'),
    ws_ping: registry.define('ws_ping', 'trend', 'time'),
  };
}

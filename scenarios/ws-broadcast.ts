/**
 * Broadcast over WebSocket
 *
 * Question: does a broadcast reach every subscriber of a room within p95 < 150 ms of being published, at
 *           the baseline publish rate, with none lost?
 * Run:      npm run smoke -- --scenario ws-broadcast
 *           (any phase: npm run steady -- --scenario ws-broadcast; on its own: loadbook run scenarios/ws-broadcast.ts)
 *
 * Two k6 scenarios (see `k6Scenarios` in lib/scenarios.ts):
 * - `ws-broadcast`: `subscribers` VUs (config) connect, join the room and stay one iteration each, from
 *   WS_SUBSCRIBER_LEAD_MS before the publishers start until that long after they stop. Every broadcast
 *   adds publish-to-receipt time to `ws_broadcast_latency` and 1 to `ws_broadcasts_received`.
 * - `ws-broadcast-publishers`: the phase's open-model arrival rate; each iteration connects, publishes one
 *   message stamped with its send time, adds 1 to `ws_broadcasts_sent` and closes.
 * None lost means `ws_broadcasts_received` = `ws_broadcasts_sent` × subscribers. Load shape, VU counts
 * and durations come from the phase (LOADBOOK_PHASE) and the config, never from this file.
 *
 * Thresholds, with their reasons in lib/scenarios.ts (so plan.json records the same ones):
 * - `ws_broadcast_latency{scenario:ws-broadcast}`: `p(95)<budgetP95Ms`, the budget of docs/runbook.md §10 (150 ms);
 * - `checks{scenario:ws-broadcast}`: `rate>0.99`: subscribers check they joined, stayed subscribed to the
 *   end and heard broadcasts, so a dropped subscriber or a dead publish path fails the run instead of
 *   shortening the latency list.
 *
 * Latency is the subscriber's clock at receipt minus the publisher's stamp, both `preciseEpochMs()`
 *: microseconds apart on loadbook's engine, whole milliseconds under k6. Both ends
 * share one clock only when publishers and subscribers run on one machine, as loadbook runs them.
 * Latency samples carry the `stage` the broadcast was published in.
 */
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { buildPhaseOptions, scenarioProfile } from '../lib/phase-options.ts';
import { readConfigFromEnv } from '../lib/read-config-from-env.ts';
import { WS_SUBSCRIBER_LEAD_MS } from '../lib/scenarios.ts';
import { stageAt } from '../lib/stage-at.ts';
import { tagStage } from '../lib/stage-tag.ts';

const SCENARIO = 'ws-broadcast';

const clock = (globalThis as { performance?: { timeOrigin: number; now(): number } }).performance;

/**
 * Milliseconds since the Unix epoch, with a fraction: `performance.timeOrigin + performance.now()`, which
 * processes and worker threads on one machine read alike (each adds its own monotonic time to the wall
 * clock it sampled at start), so a publisher's stamp can be subtracted from a subscriber's reading.
 * k6 has no `performance`: there it is `Date.now()`, whole milliseconds. Across machines the difference
 * also carries the offset between their clocks: see docs/reports/verdicts.md.
 */
function preciseEpochMs(): number {
  return clock ? clock.timeOrigin + clock.now() : Date.now();
}

/** What the hub sends: `joined` answers a join; `broadcast` relays a publish to every member of the room. */
type HubFrame =
  | { type: 'joined'; room: string; members: number }
  | { type: 'broadcast'; room: string; sentAt: number; id: string; payload: string };

const settings = readConfigFromEnv(__ENV);
const config = settings.config.scenarios[SCENARIO];
const profile = scenarioProfile(settings, SCENARIO);
const { stages } = profile;

export const options: Options = buildPhaseOptions(settings, [SCENARIO]);

/** The subscribers' scenario length, as lib/scenarios.ts gives it: the publishers' phase plus a lead on either side. */
const SUBSCRIBER_DURATION_MS = profile.totalMs + 2 * WS_SUBSCRIBER_LEAD_MS;
/**
 * Subscribers close this long before their scenario ends: the last publish is a whole lead before the
 * end, so its broadcasts have had half a lead to arrive, and closing is done long before gracefulStop.
 */
const CLOSE_BEFORE_END_MS = WS_SUBSCRIBER_LEAD_MS / 2;
/**
 * After closing, a subscriber's iteration lasts until this long past the scenario's end, so constant-vus
 * starts no second iteration; well inside the scenario's gracefulStop (one lead).
 */
const OVERRUN_MS = WS_SUBSCRIBER_LEAD_MS / 10;

const url = settings.config.target.wsUrl;
const { room } = config;
const joinFrame = JSON.stringify({ type: 'join', room });
// ASCII, so payloadBytes characters are payloadBytes bytes on the wire.
const payload = 'x'.repeat(config.payloadBytes);

const latency = new Trend('ws_broadcast_latency', true);
const received = new Counter('ws_broadcasts_received');
const sent = new Counter('ws_broadcasts_sent');

/** One publisher: connect, publish one stamped message to the room, close. */
export function wsPublish(): void {
  tagStage(stages);
  const ws = new WebSocket(url);
  let published = false;
  ws.onopen = () => {
    const id = `${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;
    ws.send(JSON.stringify({ type: 'publish', room, sentAt: preciseEpochMs(), id, payload }));
    sent.add(1);
    published = true;
    ws.close();
  };
  ws.onclose = () => {
    check(published, { 'message published': (done) => done });
  };
}

/** One subscriber for the whole phase: join the room, time every broadcast, close just before the end. */
export function wsSubscribe(): void {
  const endsAt = exec.scenario.startTime + SUBSCRIBER_DURATION_MS;
  // The publishers' scenario starts one lead after this one; their stages are offsets from that start.
  const publishersStart = exec.scenario.startTime + WS_SUBSCRIBER_LEAD_MS;
  const ws = new WebSocket(url);
  let closing = false;
  let heard = 0;
  ws.onopen = () => ws.send(joinFrame);
  ws.onmessage = (event) => {
    const frame = JSON.parse(event!.data as string) as HubFrame;
    if (frame.type === 'broadcast') {
      exec.vu.metrics.tags.stage = stageAt(stages, frame.sentAt - publishersStart);
      latency.add(preciseEpochMs() - frame.sentAt);
      received.add(1);
      heard++;
    } else if (frame.type === 'joined') {
      check(frame, { 'subscriber joined the room': (joined) => joined.room === room && joined.members >= 1 });
    }
  };
  ws.onclose = () => {
    check(closing, { 'subscriber stayed subscribed to the end': (byItself) => byItself });
    // Publishers' failures count in their own scenario, outside the budget's checks; a subscriber that
    // heard nothing at all is how a broken publish path fails this one.
    check(heard, { 'subscriber received broadcasts': (count) => count > 0 });
    setTimeout(() => {}, Math.max(0, endsAt - Date.now()) + OVERRUN_MS);
  };
  setTimeout(() => {
    closing = true;
    ws.close();
  }, Math.max(0, endsAt - CLOSE_BEFORE_END_MS - Date.now()));
}

/** For `k6 run` shortcuts that ignore `exec`: one publish. */
export default function (): void {
  wsPublish();
}

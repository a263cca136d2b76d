import type { Tags } from '../../metrics/metric-types.ts';
import type { TagSet } from '../../metrics/sample-sink.ts';
import type { Vu } from '../../runtime/vu.ts';
import { customTagKey, TagSetCache } from '../../runtime/tag-set-cache.ts';
import { defineWsMetrics, type WsMetrics } from './ws-metrics.ts';

/** What the context needs of a socket: a way to drop it without telling the script. */
export interface Terminable {
  terminate(): void;
}

/** A successful handshake always answers 101 Switching Protocols. */
const HANDSHAKE_STATUS = '101';

/**
 * What the WebSockets of one VU share: the ws_* metrics, their tag sets and the open sockets, so an
 * interrupted or failed iteration can drop every socket it opened.
 */
export class WsVuContext {
  readonly metrics: WsMetrics;
  private readonly tagSets: TagSetCache;
  private readonly open = new Set<Terminable>();

  constructor(readonly vu: Vu) {
    this.metrics = defineWsMetrics(vu.runtime.registry);
    this.tagSets = new TagSetCache(vu);
    vu.onInterrupt(() => this.terminateAll());
  }

  track(socket: Terminable): void {
    this.open.add(socket);
  }

  untrack(socket: Terminable): void {
    this.open.delete(socket);
  }

  /** Drops every open socket of the VU: no more callbacks, no close handshake. */
  terminateAll(): void {
    for (const socket of this.open) socket.terminate();
    this.open.clear();
  }

  /**
   * The tag set every ws_* sample of one session carries: the VU's tags when the socket was created
   * (`base`, so a socket created inside a group keeps the group), `url`, `status` and, when the server
   * picked one, `subproto`, then the constructor's `tags`. A `name` tag replaces the URL in `url`, as k6
   * does for HTTP, so URLs carrying tokens or ids can share one series. Computed once per session; the
   * message path reuses it.
   */
  sessionTagSet(base: Tags, url: string, subproto: string, tags: Tags): TagSet {
    const urlTag = tags.name === undefined ? url : String(tags.name);
    const build = (from: Tags): Tags => {
      const sessionTags: Tags = { ...from, url: this.vu.runtime.redactor.url(urlTag), status: HANDSHAKE_STATUS };
      if (subproto) sessionTags.subproto = subproto;
      for (const name in tags) sessionTags[name] = String(tags[name]);
      return sessionTags;
    };
    // The VU's tags changed since the socket was created (a group ended, a tag was set): rare enough
    // to intern the set directly rather than cache it.
    if (this.vu.baseTags() !== base) return this.vu.runtime.sink.tagSet(build(base));
    return this.tagSets.get(`${urlTag}\u0000${subproto}\u0000${customTagKey(tags)}`, build);
  }
}

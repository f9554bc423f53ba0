/**
 * WatchControllerInfo: the GetControllerInfo response of one bridge, sent
 * at once and again after every change.  A change is any event of the
 * bridge's connmgr (bridge-changes.ts: sessions made or ended, rconn
 * state changes, roles, controllers added or removed, ...).  Snapshots
 * are coalesced: at most one per event-loop turn (setImmediate), and only
 * if it differs from the last one sent, leaving aside the sec_since_*
 * counters, which change with time alone.  Backpressure: while the
 * stream does not take more (write() false), nothing is written; after
 * 'drain' only the latest snapshot goes.  So at most one message waits
 * beyond grpc-js's own buffer, however fast the bridge changes.
 *
 * An unknown bridge is NOT_FOUND; the stream ends with NOT_FOUND when the
 * bridge is deleted, and with the server's status when it shuts down
 * (LiveStreams).
 */

import * as grpc from '@grpc/grpc-js';
import type { GetControllerInfoRequest__Output } from '../generated/ofconnmgr/v1/GetControllerInfoRequest.js';
import type { GetControllerInfoResponse } from '../generated/ofconnmgr/v1/GetControllerInfoResponse.js';
import type { BridgeEntry, BridgeRegistry } from './bridges.js';
import { controllerInfoToProto } from './conversion.js';
import type { LiveStreams } from './live-streams.js';

/** Status keys left out when telling whether a snapshot changed: they count seconds. */
const TIME_KEYS = new Set(['sec_since_connect', 'sec_since_disconnect']);

/** The GetControllerInfo response of 'bridge' now. */
export function controllerInfoResponse(bridge: BridgeEntry): GetControllerInfoResponse {
  return {
    controllers: bridge.mgr.controllerStatus().map(controllerInfoToProto),
    packet_ins_unsent: String(bridge.mgr.stats.packetInsUnsent),
  };
}

/** A text equal for two responses exactly when they differ in nothing but the time counters. */
function withoutTime(r: GetControllerInfoResponse): string {
  return JSON.stringify({
    ...r,
    controllers: (r.controllers ?? []).map((c) => ({ ...c, status: (c.status ?? []).filter((p) => !TIME_KEYS.has(p.key ?? '')) })),
  });
}

/** The WatchControllerInfo handler over 'bridges'; 'streams' is the server's registry of open streams. */
export function watchControllerInfoHandler(
  bridges: BridgeRegistry,
  streams: LiveStreams,
): grpc.handleServerStreamingCall<GetControllerInfoRequest__Output, GetControllerInfoResponse> {
  return (call) => {
    const bridge = bridges.find(call.request.bridge);
    if (!bridge) {
      call.emit('error', { code: grpc.status.NOT_FOUND, details: `bridge: no bridge named "${call.request.bridge}"` });
      return;
    }
    let ended = false;
    let lastSent: string | null = null;
    let scheduled = false;
    let blocked = false;
    const cleanups: Array<() => void> = [];
    const finish = (): void => {
      if (ended) return;
      ended = true;
      for (const c of cleanups.splice(0)) c();
    };
    const end = (code: grpc.status, details: string): void => {
      if (ended) return;
      finish();
      if (code === grpc.status.OK) call.end();
      else call.emit('error', { code, details });
    };
    const sendLatest = (): void => {
      if (ended || blocked) return;
      const snapshot = controllerInfoResponse(bridge);
      const key = withoutTime(snapshot);
      if (key === lastSent) return;
      lastSent = key;
      if (!call.write(snapshot)) blocked = true;
    };
    const schedule = (): void => {
      if (scheduled || ended) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        sendLatest();
      });
    };
    call.on('drain', () => {
      blocked = false;
      sendLatest();
    });
    call.on('cancelled', finish);
    call.on('close', finish);
    call.on('error', finish);
    cleanups.push(streams.add(end));
    if (ended) return;
    cleanups.push(bridge.changes.subscribe({
      changed: schedule,
      deleted: () => end(grpc.status.NOT_FOUND, `bridge: bridge "${bridge.config.name}" was deleted`),
    }));
    sendLatest();
  };
}

/**
 * The ConnectionManager service's handlers: thin.  Each looks up the
 * bridge (NOT_FOUND), converts and validates the whole request
 * (conversion.ts, INVALID_ARGUMENT) and only then calls the bridge's
 * connection manager, so a refused request changes nothing.  server.ts
 * registers them; RequestError becomes the call's status, anything else
 * INTERNAL.  The two streams have their own files: WatchControllerInfo
 * (controller-info-watch.ts) and the agent channel's Attach
 * (agent/attach-handler.ts).
 */

import * as grpc from '@grpc/grpc-js';
import type { ConnectionManagerHandlers } from '../generated/ofconnmgr/v1/ConnectionManager.js';
import type { BridgeRegistry } from './bridges.js';
import {
  bridgeFromProto,
  bridgeToProto,
  controllersFromProto,
  failModeFromProto,
  snoopsFromProto,
  inBandFromProto,
  applyInBand,
} from './conversion.js';
import { RequestError } from './request-error.js';
import { LiveStreams } from './live-streams.js';
import { controllerInfoResponse, watchControllerInfoHandler } from './controller-info-watch.js';
import { attachHandler } from './agent/attach-handler.js';

/** A unary handler from an async function of the request; errors become the call's status. */
function unary<Req, Res>(fn: (req: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (e: unknown) => {
          if (e instanceof RequestError) callback({ code: e.code, details: e.message });
          else callback({ code: grpc.status.INTERNAL, details: e instanceof Error ? e.message : String(e) });
        },
      );
  };
}

/**
 * The handlers of the ConnectionManager service over 'bridges'.
 * 'changed' is awaited after every successful configuration change
 * (server.ts saves the state file there); if it rejects, the call fails.
 * Changes of one bridge run one after another (BridgeRegistry.operate),
 * the save included.  'streams' registers the long-lived streams
 * (Attach, WatchControllerInfo) for a graceful shutdown.
 */
export function connectionManagerHandlers(
  bridges: BridgeRegistry,
  changed: () => Promise<void> = () => Promise.resolve(),
  streams: LiveStreams = new LiveStreams(),
): ConnectionManagerHandlers {
  return {
    CreateBridge: unary(async (req) => {
      const made = await bridges.create(bridgeFromProto(req.bridge));
      await bridges.operate(made.config.name, () => changed());
      return bridgeToProto(made.config);
    }),

    DeleteBridge: unary(async (req) => {
      await bridges.delete(req.bridge);
      await changed();
      return {};
    }),

    ListBridges: unary(() => ({ bridges: bridges.list().map((b) => bridgeToProto(b.config)) })),

    SetControllers: unary((req) =>
      bridges.operate(req.bridge, async (bridge) => {
        const desired = controllersFromProto(req.controllers, bridge.config.protocols);
        await bridge.mgr.setControllers(desired);
        bridge.controllers = req.controllers;
        await changed();
        return { listen_error: bridge.mgr.listenErrors.join('; ') };
      }),
    ),

    SetFailMode: unary((req) =>
      bridges.operate(req.bridge, async (bridge) => {
        const failMode = failModeFromProto(req.fail_mode);
        await bridge.mgr.setFailMode(failMode);
        bridge.config = { ...bridge.config, failMode };
        await changed();
        return {};
      }),
    ),

    SetSnoops: unary((req) =>
      bridges.operate(req.bridge, async (bridge) => {
        const targets = snoopsFromProto(req.targets);
        const error = await bridge.mgr.setSnoops(targets);
        bridge.snoops = targets;
        await changed();
        return { listen_error: error ? error.message : '' };
      }),
    ),

    SetInBand: unary((req) =>
      bridges.operate(req.bridge, async (bridge) => {
        const inBand = inBandFromProto(req);
        await applyInBand(bridge.mgr, inBand);
        bridge.inBand = inBand;
        await changed();
        return {};
      }),
    ),

    GetControllerInfo: unary((req) => controllerInfoResponse(bridges.get(req.bridge))),

    WatchControllerInfo: watchControllerInfoHandler(bridges, streams),

    Attach: attachHandler(bridges, streams),
  };
}

/**
 * The ConnectionManager service's handlers: thin.  Each looks up the
 * bridge (NOT_FOUND), converts and validates the whole request
 * (conversion.ts, INVALID_ARGUMENT) and only then calls the bridge's
 * connection manager, so a refused request changes nothing.  server.ts
 * registers them; RequestError becomes the call's status, anything else
 * INTERNAL.
 */

import * as grpc from '@grpc/grpc-js';
import type { ConnectionManagerHandlers } from '../generated/ofconnmgr/v1/ConnectionManager.js';
import type { BridgeRegistry } from './bridges.js';
import {
  bridgeFromProto,
  bridgeToProto,
  controllerInfoToProto,
  controllersFromProto,
  failModeFromProto,
  snoopsFromProto,
} from './conversion.js';
import { RequestError } from './request-error.js';

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
 */
export function connectionManagerHandlers(bridges: BridgeRegistry, changed: () => Promise<void> = () => Promise.resolve()): ConnectionManagerHandlers {
  return {
    CreateBridge: unary(async (req) => {
      const made = await bridges.create(bridgeFromProto(req.bridge));
      await changed();
      return bridgeToProto(made.config);
    }),

    DeleteBridge: unary(async (req) => {
      await bridges.delete(req.bridge);
      await changed();
      return {};
    }),

    ListBridges: unary(() => ({ bridges: bridges.list().map((b) => bridgeToProto(b.config)) })),

    SetControllers: unary(async (req) => {
      const bridge = bridges.get(req.bridge);
      const desired = controllersFromProto(req.controllers, bridge.config.protocols);
      await bridge.mgr.setControllers(desired);
      bridge.controllers = req.controllers;
      await changed();
      return {};
    }),

    SetFailMode: unary(async (req) => {
      const bridge = bridges.get(req.bridge);
      const failMode = failModeFromProto(req.fail_mode);
      await bridge.mgr.setFailMode(failMode);
      bridge.config = { ...bridge.config, failMode };
      await changed();
      return {};
    }),

    SetSnoops: unary(async (req) => {
      const bridge = bridges.get(req.bridge);
      const targets = snoopsFromProto(req.targets);
      const error = await bridge.mgr.setSnoops(targets);
      bridge.snoops = targets;
      await changed();
      return { listen_error: error ? error.message : '' };
    }),

    GetControllerInfo: unary((req) => {
      const bridge = bridges.get(req.bridge);
      return {
        controllers: bridge.mgr.controllerStatus().map(controllerInfoToProto),
        packet_ins_unsent: String(bridge.mgr.stats.packetInsUnsent),
      };
    }),

    // Declared in the proto; being built (agent channel slice).  Until then they say so.
    WatchControllerInfo: (call) => {
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'WatchControllerInfo is not built yet' });
    },
    Attach: (call) => {
      call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'Attach is not built yet' });
    },
  };
}

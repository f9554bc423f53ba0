/**
 * Carrying out the service's datapath requests on the agent's datapath:
 * one DatapathOperation (src/agentwire: a controller's request or one of
 * connmgr's own operations) in, one OperationResult out, never a
 * rejection, so agent-client.ts can answer every request id exactly once.
 * The datapath is connmgr's DatapathPort (src/connmgr/datapath-port.ts)
 * plus replaceHiddenFlows(), which the reference switch (src/agent) has.
 *
 * Fragment handling (SET_CONFIG's frag mode) is kept here and reported,
 * but changes nothing: the reference switch always parses fragments the
 * way Open vSwitch's "nx-match" mode does (ip_frag matchable, later
 * fragments without transport ports) and has no drop or reassembly.
 */

import type { DatapathOperation, OperationResult } from '../agentwire/index.js';
import type { DatapathPort, HiddenFlow } from '../connmgr/datapath-port.js';
import { DatapathError } from '../agent/datapath-error.js';
import { OfpCodecError, type OfpErrName } from '../openflow/index.js';

/** What the agent needs of its datapath: connmgr's port, plus the whole hidden-flow set at once. */
export interface AgentDatapath extends DatapathPort {
  /** Makes 'flows' the full set of hidden flows; rejects, changing nothing, if the switch refuses one. */
  replaceHiddenFlows(flows: readonly HiddenFlow[]): Promise<void>;
}

/** SET_CONFIG's fragment handling modes, by number (OFPC_FRAG_*). */
export const FRAG_MODE_NAMES = ['normal', 'drop', 'reassemble', 'nx-match'] as const;

/**
 * The error a failure gets when it carries no OpenFlow error of its own
 * (a datapath bug, or a connmgr operation the switch refused without a
 * reason a controller would understand): "permissions error", as Open
 * vSwitch answers for what it will not do.
 */
export const FALLBACK_ERROR: OfpErrName = 'OFPBRC_EPERM';

/** The OpenFlow error a thrown value stands for: its own, if it is a refusal, else FALLBACK_ERROR. */
export function errorNameOf(e: unknown): OfpErrName {
  if (DatapathError.is(e) || OfpCodecError.is(e)) return e.ofperr;
  return FALLBACK_ERROR;
}

export class DatapathExecutor {
  private frag = 0;

  constructor(private readonly datapath: AgentDatapath) {}

  /** The last fragment handling mode the service set (0 normal until it sets one). */
  get fragHandling(): number {
    return this.frag;
  }

  /**
   * Carries out 'op' and resolves with its result; never rejects.  A
   * controller's request gets the datapath's own reply or OpenFlow error;
   * connmgr's operations get an empty success, or an error named by
   * errorNameOf() when the datapath refuses them; an in-band query gets
   * the datapath's answer (all unknown if it has no inbandInfo()).
   * 'onFailure' hears about failures that are not a controller's
   * refusal (a connmgr operation the datapath refused, a datapath that
   * threw), for logging.
   */
  async execute(op: DatapathOperation, onFailure?: (what: string, e: unknown) => void): Promise<OperationResult> {
    const dp = this.datapath;
    try {
      switch (op.kind) {
        case 'request':
          return await dp.request(op.request);
        case 'flush':
          await dp.flush();
          return { ok: true, replies: [] };
        case 'add_hidden_flow':
          await dp.addHiddenFlow(op.flow);
          return { ok: true, replies: [] };
        case 'delete_hidden_flow':
          await dp.deleteHiddenFlow(op.priority, op.match);
          return { ok: true, replies: [] };
        case 'hidden_flow_set':
          await dp.replaceHiddenFlows(op.flows);
          return { ok: true, replies: [] };
        case 'miss_behaviour':
          dp.missSendsToController = op.sendToController;
          return { ok: true, replies: [] };
        case 'in_band_query': {
          const info = dp.inbandInfo
            ? await dp.inbandInfo(op.remotes)
            : { localMac: null, nextHopMacs: op.remotes.map(() => null) };
          return { ok: true, inBandInfo: info };
        }
        case 'frag_handling':
          this.frag = op.mode;
          return { ok: true, replies: [] };
      }
    } catch (e) {
      onFailure?.(op.kind, e);
      return { ok: false, error: errorNameOf(e) };
    }
  }
}

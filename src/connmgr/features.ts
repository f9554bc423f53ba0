/**
 * The FEATURES_REPLY a session gets (reference §4.13.3), built from what
 * the datapath registered (datapath-port.ts DatapathFeatures) in the
 * session's version: capability bits mapped per version as Open vSwitch
 * maps them, the OF1.0 action bitmap only in OF1.0, the port list only in
 * OF1.0-1.2 (OF1.3+ controllers ask for PORT_DESC) with each port's state
 * limited to the bits the version has (async-encoding.ts portForVersion),
 * auxiliary id 0, and n_buffers from the bridge's packet buffers (0 while
 * there are none).
 */

import type { FeaturesReplyMsg } from '../openflow/index.js';
import { portForVersion } from './async-encoding.js';
import type { DatapathFeatures } from './datapath-port.js';

/** OFPC_* bits in their OF1.1+ meaning, as DatapathFeatures carries them. */
const OFPC_FLOW_STATS = 0x1;
const OFPC_TABLE_STATS = 0x2;
const OFPC_PORT_STATS = 0x4;
const OFPC_GROUP_STATS = 0x8;
const OFPC_IP_REASM = 0x20;
const OFPC_QUEUE_STATS = 0x40;
const OFPC_ARP_MATCH_IP = 0x80;
const OFPC_PORT_BLOCKED = 0x100;
const OFPC_BUNDLES = 0x200;
const OFPC_FLOW_MONITORING = 0x400;

/** Bits with the same meaning in every version. */
const OFPC_COMMON = OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS | OFPC_IP_REASM | OFPC_QUEUE_STATS;

/**
 * 'capabilities' (OF1.1+ meaning) as 'version' writes them: OF1.0 and 1.1
 * keep ARP_MATCH_IP, OF1.2-1.3 have PORT_BLOCKED instead, OF1.4+ add
 * BUNDLES and FLOW_MONITORING; GROUP_STATS from OF1.1 (in OF1.0 that bit
 * is STP, which a datapath cannot claim here).
 */
export function capabilitiesFor(capabilities: number, version: number): number {
  let mask = OFPC_COMMON;
  if (version <= 2) mask |= OFPC_ARP_MATCH_IP;
  else mask |= OFPC_PORT_BLOCKED;
  if (version >= 5) mask |= OFPC_BUNDLES | OFPC_FLOW_MONITORING;
  if (version >= 2) mask |= OFPC_GROUP_STATS;
  return (capabilities & mask) >>> 0;
}

/** The FEATURES_REPLY to a request of 'version' with 'xid', describing 'features' with 'nBuffers' buffers. */
export function featuresReply(features: DatapathFeatures, version: number, xid: number, nBuffers: number): FeaturesReplyMsg {
  return {
    type: 'features_reply',
    version,
    xid,
    datapathId: features.datapathId,
    nBuffers,
    nTables: features.nTables,
    auxiliaryId: 0,
    capabilities: capabilitiesFor(features.capabilities, version),
    actions: version === 1 ? features.actions >>> 0 : 0,
    ports: version <= 3 ? features.ports.map((p) => portForVersion(p, version)) : [],
  };
}

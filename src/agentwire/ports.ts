/**
 * Ports and datapath features on the agent channel: the neutral Port of
 * src/openflow/port.ts as the proto's Port, and datapath-port.ts's
 * DatapathFeatures as the proto's DatapathFeatures (which leaves the
 * datapath id to the AgentHello: the caller supplies it when reading).
 * The agent sends features in its hello and after a change; port-status
 * events and port description replies carry ports.
 *
 * Reading checks a port as the codec will write it: a port number, an
 * Ethernet address, a name of at most 15 Latin-1 characters without NUL,
 * OpenFlow 1.4+ extra properties that are a well-framed property list;
 * features need 1 to 255 tables and no port number twice.
 */

import type { DatapathFeatures } from '../connmgr/datapath-port.js';
import type { Port } from '../openflow/port.js';
import type { DatapathFeatures as PbFeatures, DatapathFeatures__Output as PbFeaturesOut } from '../generated/ofconnmgr/v1/DatapathFeatures.js';
import type { Port as PbPort, Port__Output as PbPortOut } from '../generated/ofconnmgr/v1/Port.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import { bytesCopy, checkProperties, describe, intInRange, listFrom, macFrom, uintFrom } from './proto-scalars.js';

/** Characters a port name may have, as OpenFlow's 16-byte name field holds them. */
const MAX_NAME_LEN = 15;

/** A neutral port as a proto Port. */
export function portToProto(p: Port): PbPort {
  return {
    port_no: p.portNo, hw_addr: p.hwAddr, name: p.name, config: p.config, state: p.state, curr: p.curr,
    advertised: p.advertised, supported: p.supported, peer: p.peer, curr_speed: p.currSpeed, max_speed: p.maxSpeed,
    extra_properties: p.extraProperties ?? new Uint8Array(0),
  };
}

/** Checks a port name: at most 15 characters, each a Latin-1 character other than NUL. */
function nameFrom(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new AgentWireError(path, `${describe(v)} is not a port name`);
  if (v.length > MAX_NAME_LEN) throw new AgentWireError(path, `"${v}" is longer than ${MAX_NAME_LEN} characters`);
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0 || c > 0xff) throw new AgentWireError(path, `"${v}" has a character an OpenFlow port name cannot hold (NUL or beyond Latin-1)`);
  }
  return v;
}

/**
 * The neutral port of proto 'p' at 'path'.  Throws AgentWireError for a
 * hardware address that is not an Ethernet address, a bad name, or extra
 * properties that are not a property list.  Empty extra properties are
 * left out of the neutral port.
 */
export function portFromProto(p: PbPortOut, path: string): Port {
  const at = (k: string): string => fieldPath(path, k);
  const port: Port = {
    portNo: uintFrom(p.port_no, 32, at('port_no')), hwAddr: macFrom(p.hw_addr, at('hw_addr')), name: nameFrom(p.name, at('name')),
    config: uintFrom(p.config, 32, at('config')), state: uintFrom(p.state, 32, at('state')), curr: uintFrom(p.curr, 32, at('curr')),
    advertised: uintFrom(p.advertised, 32, at('advertised')), supported: uintFrom(p.supported, 32, at('supported')),
    peer: uintFrom(p.peer, 32, at('peer')), currSpeed: uintFrom(p.curr_speed, 32, at('curr_speed')),
    maxSpeed: uintFrom(p.max_speed, 32, at('max_speed')),
  };
  const extra = bytesCopy(p.extra_properties);
  if (extra.length === 0) return port;
  checkProperties(extra, at('extra_properties'));
  return { ...port, extraProperties: extra };
}

/** A list of ports at 'path', each as portFromProto, no port number twice. */
export function portsFromProto(list: readonly PbPortOut[] | null | undefined, path: string): Port[] {
  const seen = new Map<number, number>();
  return listFrom(list).map((p, i) => {
    const port = portFromProto(p, `${path}[${i}]`);
    const first = seen.get(port.portNo);
    if (first !== undefined) throw new AgentWireError(`${path}[${i}].port_no`, `port ${port.portNo} is listed twice (also at ${path}[${first}])`);
    seen.set(port.portNo, i);
    return port;
  });
}

/** Neutral features as the proto's DatapathFeatures (without the datapath id, which the hello carries). */
export function featuresToProto(f: DatapathFeatures): PbFeatures {
  return { n_tables: f.nTables, capabilities: f.capabilities, actions: f.actions, ports: f.ports.map(portToProto) };
}

/**
 * The neutral features of proto 'p', for the datapath 'datapathId'.
 * Throws AgentWireError (paths relative to the DatapathFeatures message:
 * "ports[2].hw_addr") for a table count outside 1-255 or a port
 * portFromProto refuses or listed twice.
 */
export function featuresFromProto(p: PbFeaturesOut, datapathId: bigint): DatapathFeatures {
  return {
    datapathId,
    nTables: intInRange(p.n_tables, 1, 255, 'n_tables', 'number of tables'),
    capabilities: uintFrom(p.capabilities, 32, 'capabilities'),
    actions: uintFrom(p.actions, 32, 'actions'),
    ports: portsFromProto(p.ports, 'ports'),
  };
}

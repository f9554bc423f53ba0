/**
 * Proto <-> domain conversion for the ConnectionManager API, and the
 * validation that goes with it.  Every function here is pure: it takes a
 * decoded request message and either returns the domain value the bridge
 * registry (bridges.ts) and connmgr (src/connmgr) take, or throws
 * RequestError(INVALID_ARGUMENT) whose message starts with the path of the
 * first offending field ("controllers[2].target: ...").  Handlers convert
 * the whole request before they change anything, so nothing is ever half
 * applied.  Targets are checked with the transport's own parser
 * (src/transport/target.ts), the one connmgr opens them with.
 */

import { createHash } from 'node:crypto';
import { roleColumn, statusPairs, type ConnMgr, type ControllerSettings, type ControllerStatus, type FailMode } from '../connmgr/index.js';
import { parsePassiveTarget, parseTarget, TargetError } from '../transport/index.js';
import type { Bridge, Bridge__Output } from '../generated/ofconnmgr/v1/Bridge.js';
import type { Controller__Output } from '../generated/ofconnmgr/v1/Controller.js';
import type { ControllerInfo } from '../generated/ofconnmgr/v1/ControllerInfo.js';
import type { FailMode__Output } from '../generated/ofconnmgr/v1/FailMode.js';
import type { OpenFlowVersion__Output } from '../generated/ofconnmgr/v1/OpenFlowVersion.js';
import { RequestError } from './request-error.js';
import type { InBandRemote } from '../inband/in-band.js';

/** A bridge's own settings, validated. */
export interface BridgeConfig {
  readonly name: string;
  readonly datapathId: bigint;
  /** 0..256 packet buffers per primary session (§6). */
  readonly packetBuffers: number;
  /** Versions the bridge speaks, as a bitmap (bit n = wire version n); never 0. */
  readonly protocols: number;
  readonly failMode: FailMode;
}

/** Wire version of each OpenFlowVersion name. */
const WIRE_VERSION: Readonly<Record<Exclude<OpenFlowVersion__Output, 'OPENFLOW_VERSION_UNSPECIFIED'>, number>> = {
  OPENFLOW10: 0x01,
  OPENFLOW11: 0x02,
  OPENFLOW12: 0x03,
  OPENFLOW13: 0x04,
  OPENFLOW14: 0x05,
  OPENFLOW15: 0x06,
};
const VERSION_NAME = new Map(Object.entries(WIRE_VERSION).map(([name, v]) => [v, name as OpenFlowVersion__Output]));

/** OpenFlow 1.0 to 1.5: what an empty list of versions means. */
export const ALL_VERSIONS = Object.values(WIRE_VERSION).reduce((m, v) => m | (1 << v), 0);

/** Bridge names: as a Linux interface name, 1 to 15 of [A-Za-z0-9_.-]. */
const BRIDGE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;
/** The largest packet_buffers (§6.2). */
export const MAX_PACKET_BUFFERS = 256;
/** Smallest non-zero rate_limit and burst_limit, as the Controller table's constraints. */
const MIN_RATE_LIMIT = 100;
const MIN_BURST_LIMIT = 25;
/** Smallest non-zero max_backoff_ms and inactivity_probe_ms (§1.2.6, §1.3.1). */
const MIN_MAX_BACKOFF_MS = 1000;
const MIN_PROBE_MS = 5000;
const MAX_CONTROLLER_QUEUE_SIZE = 512;
const MAX_DSCP = 63;

/** 'name' if it is a valid bridge name; throws INVALID_ARGUMENT for 'field' otherwise. */
export function checkBridgeName(name: string, field = 'bridge'): string {
  if (!BRIDGE_NAME.test(name)) {
    throw RequestError.invalid(field, `"${name}" is not a bridge name (1 to 15 of A-Z a-z 0-9 _ . -)`);
  }
  return name;
}

/**
 * The versions of 'list' as a bitmap; an empty list is 'ALL_VERSIONS'.
 * Throws INVALID_ARGUMENT for an unspecified entry, naming 'field[i]'.
 */
export function versionsFromProto(list: readonly OpenFlowVersion__Output[], field: string): number {
  if (list.length === 0) return ALL_VERSIONS;
  let bitmap = 0;
  list.forEach((name, i) => {
    const v = name === 'OPENFLOW_VERSION_UNSPECIFIED' ? undefined : WIRE_VERSION[name];
    if (v === undefined) throw RequestError.invalid(`${field}[${i}]`, `"${String(name)}" is not an OpenFlow version`);
    bitmap |= 1 << v;
  });
  return bitmap;
}

/** The version names of 'bitmap', oldest first. */
export function versionsToProto(bitmap: number): OpenFlowVersion__Output[] {
  const out: OpenFlowVersion__Output[] = [];
  for (const [v, name] of VERSION_NAME) if (bitmap & (1 << v)) out.push(name);
  return out;
}

/** Domain fail mode of a proto one; unspecified is standalone, as Open vSwitch's empty fail_mode. */
export function failModeFromProto(mode: FailMode__Output, field = 'fail_mode'): FailMode {
  switch (mode) {
    case 'FAIL_MODE_UNSPECIFIED':
    case 'STANDALONE':
      return 'standalone';
    case 'SECURE':
      return 'secure';
    default:
      throw RequestError.invalid(field, `"${String(mode)}" is not a fail mode`);
  }
}

/**
 * The datapath id a bridge created without one gets: a locally
 * administered MAC derived from the name (as Open vSwitch derives it from
 * the bridge's MAC address), in the low 48 bits.  Same name, same id.
 */
export function defaultDatapathId(name: string): bigint {
  const mac = createHash('sha256').update(name).digest().subarray(0, 6);
  mac[0] = (mac[0]! & 0xfe) | 0x02;
  return BigInt('0x' + mac.toString('hex'));
}

/** A validated BridgeConfig from a CreateBridge request's bridge (field path 'bridge'). */
export function bridgeFromProto(b: Bridge__Output | null): BridgeConfig {
  if (b === null) throw RequestError.invalid('bridge', 'missing');
  const name = checkBridgeName(b.name, 'bridge.name');
  let datapathId: bigint;
  if (b.datapath_id === '') datapathId = defaultDatapathId(name);
  else if (/^[0-9a-fA-F]{16}$/.test(b.datapath_id) && BigInt('0x' + b.datapath_id) !== 0n) datapathId = BigInt('0x' + b.datapath_id);
  else throw RequestError.invalid('bridge.datapath_id', `"${b.datapath_id}" is not 16 hex digits other than all zeros`);
  if (b.packet_buffers > MAX_PACKET_BUFFERS) {
    throw RequestError.invalid('bridge.packet_buffers', `${b.packet_buffers} is more than ${MAX_PACKET_BUFFERS}`);
  }
  return {
    name,
    datapathId,
    packetBuffers: b.packet_buffers,
    protocols: versionsFromProto(b.protocols, 'bridge.protocols'),
    failMode: failModeFromProto(b.fail_mode, 'bridge.fail_mode'),
  };
}

/** The proto form of a bridge's settings. */
export function bridgeToProto(c: BridgeConfig): Bridge {
  return {
    name: c.name,
    datapath_id: c.datapathId.toString(16).padStart(16, '0'),
    packet_buffers: c.packetBuffers,
    protocols: versionsToProto(c.protocols),
    fail_mode: c.failMode === 'secure' ? 'SECURE' : 'STANDALONE',
  };
}

/** Text of a target parser error, without repeating the target when the caller names the field. */
function targetProblem(e: unknown): string {
  return TargetError.is(e) ? e.message : String(e);
}

/**
 * One controller entry as connmgr settings, validated; 'field' is its path
 * ("controllers[2]").  'protocols' is the bridge's: the entry's allowed
 * versions are narrowed to them and must keep at least one.
 */
export function controllerFromProto(c: Controller__Output, field: string, protocols: number): ControllerSettings {
  try {
    parseTarget(c.target);
  } catch (e) {
    throw RequestError.invalid(`${field}.target`, targetProblem(e));
  }
  const ms = (name: string, value: number, min: number): void => {
    if (value !== 0 && value < min) throw RequestError.invalid(`${field}.${name}`, `${value} is below ${min} (0: the default)`);
  };
  ms('max_backoff_ms', c.max_backoff_ms, MIN_MAX_BACKOFF_MS);
  ms('rate_limit', c.rate_limit, MIN_RATE_LIMIT);
  ms('burst_limit', c.burst_limit, MIN_BURST_LIMIT);
  if (c.controller_queue_size > MAX_CONTROLLER_QUEUE_SIZE) {
    throw RequestError.invalid(`${field}.controller_queue_size`, `${c.controller_queue_size} is more than ${MAX_CONTROLLER_QUEUE_SIZE}`);
  }
  if (c.dscp !== undefined && c.dscp > MAX_DSCP) {
    throw RequestError.invalid(`${field}.dscp`, `${c.dscp} is more than ${MAX_DSCP}`);
  }
  const versions = versionsFromProto(c.allowed_versions, `${field}.allowed_versions`) & protocols;
  if (versions === 0) {
    throw RequestError.invalid(`${field}.allowed_versions`, `none of them is among the bridge's protocols (${versionsToProto(protocols).join(', ')})`);
  }
  const settings: { -readonly [K in keyof ControllerSettings]: ControllerSettings[K] } = {
    allowedVersions: versions,
    band: c.connection_mode === 'OUT_OF_BAND' ? 'out-of-band' : 'in-band',
  };
  if (c.type === 'PRIMARY') settings.type = 'primary';
  else if (c.type === 'SERVICE') settings.type = 'service';
  // connmgr and rconn take whole seconds, as Open vSwitch divides the
  // database's milliseconds.
  if (c.max_backoff_ms !== 0) settings.maxBackoff = Math.floor(c.max_backoff_ms / 1000);
  if (c.inactivity_probe_ms !== undefined) {
    settings.probeInterval = c.inactivity_probe_ms === 0 ? 0 : Math.floor(Math.max(c.inactivity_probe_ms, MIN_PROBE_MS) / 1000);
  }
  if (c.rate_limit !== 0) settings.rateLimit = c.rate_limit;
  if (c.burst_limit !== 0) settings.burstLimit = c.burst_limit;
  if (c.controller_queue_size !== 0) settings.packetInQueueSize = c.controller_queue_size;
  if (c.enable_async_msgs !== undefined) settings.enableAsyncMsgs = c.enable_async_msgs;
  if (c.dscp !== undefined) settings.dscp = c.dscp;
  return settings;
}

/**
 * A SetControllers list as connmgr's desired map (target -> settings),
 * every entry validated; a target given twice is INVALID_ARGUMENT on the
 * second entry.
 */
export function controllersFromProto(list: readonly Controller__Output[], protocols: number): Map<string, ControllerSettings> {
  const out = new Map<string, ControllerSettings>();
  const seen = new Map<string, number>();
  list.forEach((c, i) => {
    const field = `controllers[${i}]`;
    const settings = controllerFromProto(c, field, protocols);
    const first = seen.get(c.target);
    if (first !== undefined) throw RequestError.invalid(`${field}.target`, `"${c.target}" is already controllers[${first}]`);
    seen.set(c.target, i);
    out.set(c.target, settings);
  });
  return out;
}

/** SetSnoops targets, validated as passive targets (§4.10.1) and without duplicates. */
export function snoopsFromProto(targets: readonly string[]): string[] {
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    try {
      parsePassiveTarget(t);
    } catch (e) {
      throw RequestError.invalid(`targets[${i}]`, targetProblem(e));
    }
    if (seen.has(t)) throw RequestError.invalid(`targets[${i}]`, `"${t}" is given twice`);
    seen.add(t);
  });
  return [...targets];
}

/** One target's status as `ovs-vsctl list controller` shows it (§4.12). */
export function controllerInfoToProto(s: ControllerStatus): ControllerInfo {
  const role = roleColumn(s);
  return {
    target: s.target,
    type: s.connectionType === 'primary' ? 'PRIMARY' : 'SERVICE',
    is_connected: s.isConnected,
    role: role === null ? 'CONTROLLER_ROLE_UNSPECIFIED' : role === 'master' ? 'MASTER' : role === 'slave' ? 'SLAVE' : 'OTHER',
    status: Object.entries(statusPairs(s)).map(([key, value]) => ({ key, value })),
    sessions: s.sessions,
  };
}

/** A bridge's in-band settings as SetInBand states them (all of them). */
export interface InBandConfig {
  readonly disabled: boolean;
  readonly queueId: number | null;
  readonly remotes: readonly InBandRemote[];
}

/** In-band settings of a bridge that never had SetInBand: Open vSwitch's defaults. */
export const DEFAULT_IN_BAND: InBandConfig = { disabled: false, queueId: null, remotes: [] };

/** OFPQ_ALL is not a queue; the largest queue id in-band rules can name. */
const MAX_IN_BAND_QUEUE = 0xfffffffe;

/**
 * A validated InBandConfig from a SetInBand request: queue_id within
 * 0..0xfffffffe, each remote an IPv4 address and a port 1..65535, none
 * twice; INVALID_ARGUMENT naming the field (remotes[N]) otherwise.
 */
export function inBandFromProto(req: { disable_in_band: boolean; queue_id?: number | undefined; remotes: readonly string[] }): InBandConfig {
  if (req.queue_id !== undefined && req.queue_id > MAX_IN_BAND_QUEUE) {
    throw RequestError.invalid('queue_id', `${req.queue_id} is more than ${MAX_IN_BAND_QUEUE}`);
  }
  const seen = new Set<string>();
  const remotes = req.remotes.map((r, i) => {
    const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(r);
    const port = m ? Number(m[2]) : 0;
    if (!m || !m[1]!.split('.').every((o) => Number(o) <= 255) || port < 1 || port > 65535) {
      throw RequestError.invalid(`remotes[${i}]`, `"${r}" is not IPv4:PORT (e.g. "192.0.2.10:6640")`);
    }
    if (seen.has(r)) throw RequestError.invalid(`remotes[${i}]`, `"${r}" is given twice`);
    seen.add(r);
    return { ip: m[1]!, port };
  });
  return { disabled: req.disable_in_band, queueId: req.queue_id ?? null, remotes };
}

/** The SetInBand form of 'c' (without the bridge), as the state file saves it. */
export function inBandToProto(c: InBandConfig): { disable_in_band: boolean; queue_id?: number; remotes: string[] } {
  return {
    disable_in_band: c.disabled,
    ...(c.queueId !== null ? { queue_id: c.queueId } : {}),
    remotes: c.remotes.map((r) => `${r.ip}:${r.port}`),
  };
}

/** Gives connmgr 'c', setting by setting (each already validated, so none is refused). */
export async function applyInBand(mgr: ConnMgr, c: InBandConfig): Promise<void> {
  await mgr.setInBandDisabled(c.disabled);
  await mgr.setInBandQueue(c.queueId);
  await mgr.setInBandRemotes(c.remotes);
}

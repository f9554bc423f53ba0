/**
 * In-band control (Open vSwitch's ofproto/in-band.c, reference §8): when
 * controllers are reached through the bridge's own ports, hidden rules at
 * priorities 180000-180008 keep the control traffic (DHCP of the local
 * port, ARP to and from the local port, the next hops and the remotes, TCP
 * to and from each remote) flowing by NORMAL whatever the OpenFlow tables
 * say.
 *
 * This file is a pure decider: inBandRemotes() derives the remotes from
 * the controller targets and the bridge's extra remotes; inBandRules()
 * builds the wanted rule set from the local MAC, the next-hop MACs and
 * the remotes (which the datapath port supplies, see DatapathPort's
 * optional inbandInfo()); InBand remembers what it installed and returns
 * only the difference on each run (§8.5), forgetting everything when the
 * tables are flushed so that the next run re-adds its rules (§8.6).
 * Running it on a schedule and carrying out the changes is the caller's.
 */

import type { HiddenFlow } from '../connmgr/datapath-port.js';
import type { MatchField } from '../openflow/match.js';
import { OFPP_LOCAL, OFPP_NORMAL } from '../openflow/port-number.js';
import type { Action } from '../openflow/actions.js';

/** §8.4: the rule priorities, (a) to (i). */
export const IBR_FROM_LOCAL_DHCP = 180000;
export const IBR_TO_LOCAL_ARP = 180001;
export const IBR_FROM_LOCAL_ARP = 180002;
export const IBR_TO_NEXT_HOP_ARP = 180003;
export const IBR_FROM_NEXT_HOP_ARP = 180004;
export const IBR_TO_REMOTE_ARP = 180005;
export const IBR_FROM_REMOTE_ARP = 180006;
export const IBR_TO_REMOTE_TCP = 180007;
export const IBR_FROM_REMOTE_TCP = 180008;

/** §8.2: the port of a controller target that names none. */
export const DEFAULT_CONTROLLER_PORT = 6653;

const ETH_TYPE_IP = 0x0800;
const ETH_TYPE_ARP = 0x0806;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const ARP_OP_REQUEST = 1;
const ARP_OP_REPLY = 2;
const DHCP_SERVER_PORT = 67;
const DHCP_CLIENT_PORT = 68;

/** One remote in-band control must reach: an IPv4 address and TCP port. */
export interface InBandRemote {
  readonly ip: string;
  readonly port: number;
}

/** A controller target as in-band sees it. */
export interface InBandTarget {
  readonly target: string;
  readonly band: 'in-band' | 'out-of-band';
}

/** What the datapath knows about reaching the remotes (§8.3). */
export interface InBandInfo {
  /** The local port's MAC address, lower case; null while unknown. */
  readonly localMac: string | null;
  /** For each remote, in order, the MAC of its next hop; null while unknown. */
  readonly nextHopMacs: readonly (string | null)[];
}

/** A change of the hidden in-band rules. */
export interface InBandChanges {
  /** Rules to add or replace, in priority order. */
  readonly add: readonly HiddenFlow[];
  /** Rules to delete: priority and match. */
  readonly delete: readonly { readonly priority: number; readonly match: readonly MatchField[] }[];
}

const IPV4_TARGET = /^(?:tcp|ssl):((?:\d{1,3}\.){3}\d{1,3})(?::(\d{1,5}))?$/;

/**
 * §8.2: the remotes of in-band control: for each in-band target of the
 * form tcp:IP[:PORT] or ssl:IP[:PORT] with an IPv4 address (port default
 * 6653), then each of 'extras' (a per-bridge setting: managers and other
 * remotes to keep reachable), without duplicates, in that order.  Passive,
 * unix:, IPv6 and host-name targets never count.
 */
export function inBandRemotes(targets: Iterable<InBandTarget>, extras: readonly InBandRemote[] = []): InBandRemote[] {
  const out: InBandRemote[] = [];
  const seen = new Set<string>();
  const push = (r: InBandRemote): void => {
    const key = `${r.ip}:${r.port}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  for (const t of targets) {
    if (t.band !== 'in-band') continue;
    const m = IPV4_TARGET.exec(t.target);
    if (!m) continue;
    const ip = m[1]!;
    if (ip.split('.').some((b) => Number(b) > 255)) continue;
    const port = m[2] === undefined ? DEFAULT_CONTROLLER_PORT : Number(m[2]);
    if (port < 1 || port > 65535) continue;
    push({ ip, port });
  }
  for (const r of extras) push(r);
  return out;
}

/** §8.4: the rules' actions: [set_queue:Q,]output:NORMAL. */
export function inBandActions(queueId: number | null): Action[] {
  const out: Action[] = [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }];
  return queueId === null ? out : [{ type: 'set_queue', queueId }, ...out];
}

/** A rule's identity: its match (OVS keeps one rule per match, §8.5). */
function matchKey(match: readonly MatchField[]): string {
  return JSON.stringify(match);
}

/**
 * §8.4: the wanted hidden rules for 'remotes' given what the datapath
 * knows ('info'), with the in-band queue 'queueId' (null: none).  (a)-(c)
 * need the local MAC and at least one remote; (d)-(e) one set per distinct
 * known next-hop MAC; (f)-(g) per remote IP; (h)-(i) per remote (IP, port).
 * A match produced twice keeps its first priority.
 */
export function inBandRules(remotes: readonly InBandRemote[], info: InBandInfo, queueId: number | null = null): HiddenFlow[] {
  const instructions = [{ type: 'apply_actions' as const, actions: inBandActions(queueId) }];
  const rules = new Map<string, HiddenFlow>();
  const add = (priority: number, match: MatchField[]): void => {
    const key = matchKey(match);
    if (!rules.has(key)) rules.set(key, { priority, match, instructions });
  };
  const { localMac } = info;
  if (remotes.length > 0 && localMac !== null) {
    add(IBR_FROM_LOCAL_DHCP, [
      { field: 'in_port', value: OFPP_LOCAL }, { field: 'eth_src', value: localMac }, { field: 'eth_type', value: ETH_TYPE_IP },
      { field: 'ip_proto', value: IPPROTO_UDP }, { field: 'udp_src', value: DHCP_CLIENT_PORT }, { field: 'udp_dst', value: DHCP_SERVER_PORT },
    ]);
    add(IBR_TO_LOCAL_ARP, [{ field: 'eth_dst', value: localMac }, { field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REPLY }]);
    add(IBR_FROM_LOCAL_ARP, [{ field: 'eth_src', value: localMac }, { field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REQUEST }]);
  }
  for (const mac of info.nextHopMacs) {
    if (mac === null) continue;
    add(IBR_TO_NEXT_HOP_ARP, [{ field: 'eth_dst', value: mac }, { field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REPLY }]);
    add(IBR_FROM_NEXT_HOP_ARP, [{ field: 'eth_src', value: mac }, { field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REQUEST }]);
  }
  for (const r of remotes) {
    add(IBR_TO_REMOTE_ARP, [{ field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REPLY }, { field: 'arp_tpa', value: r.ip }]);
    add(IBR_FROM_REMOTE_ARP, [{ field: 'eth_type', value: ETH_TYPE_ARP }, { field: 'arp_op', value: ARP_OP_REQUEST }, { field: 'arp_spa', value: r.ip }]);
    add(IBR_TO_REMOTE_TCP, [
      { field: 'eth_type', value: ETH_TYPE_IP }, { field: 'ip_proto', value: IPPROTO_TCP }, { field: 'ipv4_dst', value: r.ip }, { field: 'tcp_dst', value: r.port },
    ]);
    add(IBR_FROM_REMOTE_TCP, [
      { field: 'eth_type', value: ETH_TYPE_IP }, { field: 'ip_proto', value: IPPROTO_TCP }, { field: 'ipv4_src', value: r.ip }, { field: 'tcp_src', value: r.port },
    ]);
  }
  return [...rules.values()].sort((x, y) => x.priority - y.priority);
}

/** The hidden in-band rules of one bridge, as installed (OVS's struct in_band's rule set). */
export class InBand {
  /** The rules believed to be in the flow table, by match. */
  private installed = new Map<string, HiddenFlow>();

  /** Number of in-band rules installed (OVS's in_band_count_rules). */
  get ruleCount(): number {
    return this.installed.size;
  }

  /**
   * §8.5: makes 'wanted' (from inBandRules()) the installed set and
   * returns the difference: rules no longer wanted to delete, wanted rules
   * missing or different (priority or actions) to add.  Assumes the
   * caller carries the changes out.
   */
  run(wanted: readonly HiddenFlow[]): InBandChanges {
    const next = new Map(wanted.map((f) => [matchKey(f.match), f] as const));
    const del: { priority: number; match: readonly MatchField[] }[] = [];
    const add: HiddenFlow[] = [];
    for (const [key, f] of this.installed) {
      const w = next.get(key);
      if (!w || w.priority !== f.priority) del.push({ priority: f.priority, match: f.match });
    }
    for (const [key, w] of next) {
      const f = this.installed.get(key);
      if (!f || f.priority !== w.priority || JSON.stringify(f.instructions) !== JSON.stringify(w.instructions)) add.push(w);
    }
    this.installed = next;
    return { add, delete: del };
  }

  /** §8.6: the flow tables were flushed: nothing is installed any more (the next run re-adds). */
  flushed(): void {
    this.installed.clear();
  }
}

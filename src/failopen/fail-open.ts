/**
 * Fail-open (Open vSwitch's ofproto/fail-open.c, reference §7): when a
 * standalone bridge has lost every primary controller for long enough, the
 * switch stops waiting and behaves as an ordinary learning switch through a
 * hidden catch-all NORMAL rule, until some primary controller admits it
 * again.
 *
 * This file is a pure decider: it reads the controllers through the
 * narrow FailOpenPort, takes the time as an argument, and returns the
 * actions to carry out (flush, add or delete the hidden rule, send a bogus
 * packet-in, report an event) instead of doing them.  connmgr (through
 * src/connmgr/fail-open-runner.ts) owns one FailOpen exactly while the
 * bridge is standalone with primary controllers (§7.1), calls run() on
 * every pass and at the time nextWakeAt() names, flushed() after each
 * flush, maybeRecover() before dispatching each received message (§7.4),
 * and destroy() when the object goes away.
 *
 * Why three probe intervals (§7.2): one interval idle before the
 * inactivity probe, one for the probe's answer, one to reconnect.
 */

import type { DatapathPacketIn, HiddenFlow } from '../connmgr/datapath-port.js';
import type { MatchField } from '../openflow/match.js';
import { OFPP_LOCAL, OFPP_NORMAL } from '../openflow/port-number.js';

/** §4.8.6, §7.3: priority of the hidden fail-open rule (15790320). */
export const FAIL_OPEN_PRIORITY = 0xf0f0f0;
/** §7.5: time between bogus packet-ins while failing open and connected, ms. */
export const BOGUS_PACKET_IN_INTERVAL_MS = 2000;
/** §7.3: a "still in fail-open mode" line once the duration passed the last one by more than this, s. */
export const STILL_FAILING_LOG_STEP_S = 60;

/** The Nicira OUI, the first three bytes of the bogus packet-in's source (§7.5). */
const NICIRA_OUI = [0x00, 0x23, 0x20] as const;
const ETH_TYPE_RARP = 0x8035;
const ARP_OP_RARP_REQUEST = 3;

/** The rule's match: everything (§7.3). */
const CATCH_ALL: readonly MatchField[] = [];

/** What fail-open reads about the controllers; connmgr implements it. */
export interface FailOpenPort {
  /**
   * §7.2: the largest configured probe interval among the primary
   * services, seconds (nonzero values at least 5); 0 when every one is
   * disabled.
   */
  maxProbeInterval(): number;
  /**
   * §7.2, §1.4.3: the minimum over active primary services (those with a
   * reliable rconn) of their rconn's failure duration, in milliseconds
   * (0 while one is admitted); null when there is no active primary
   * service.
   */
  failureDurationMs(): number | null;
  /** §7.5: some primary service has a session (connected, admitted or not). */
  anyPrimaryConnected(): boolean;
  /** §7.4: some primary session's rconn is admitted (§1.4). */
  anyPrimaryAdmitted(): boolean;
}

/** What fail-open reports, worded by describeFailOpenEvent() as Open vSwitch logs it. */
export type FailOpenEvent =
  /** §7.3: fail-open activated after 'seconds' without an admitting controller. */
  | { readonly type: 'fail-open.activated'; readonly seconds: number }
  /** §7.3: still failing open after 'seconds'. */
  | { readonly type: 'fail-open.still-active'; readonly seconds: number }
  /** §7.4: a primary controller admitted the switch; the rule is gone. */
  | { readonly type: 'fail-open.recovered' };

/** One thing for connmgr to do, in the order given. */
export type FailOpenAction =
  /** §4.11.3: flush flows, groups and meters (then call flushed()). */
  | { readonly type: 'flush' }
  /** Add the hidden NORMAL rule. */
  | { readonly type: 'add-flow'; readonly flow: HiddenFlow }
  /** Delete the hidden rule of this priority and match, nothing else. */
  | { readonly type: 'delete-flow'; readonly priority: number; readonly match: readonly MatchField[] }
  /** §7.5: send this packet-in through the normal asynchronous path. */
  | { readonly type: 'packet-in'; readonly packetIn: DatapathPacketIn }
  /** Report this event. */
  | { readonly type: 'event'; readonly event: FailOpenEvent };

/** Options of a FailOpen. */
export interface FailOpenOptions {
  /** Fills 'bytes' with random bytes (default node:crypto getRandomValues); tests make it predictable. */
  readonly randomBytes?: (bytes: Uint8Array) => void;
}

/** The log line Open vSwitch writes for 'event' (§7.3, §7.4). */
export function describeFailOpenEvent(event: FailOpenEvent): string {
  switch (event.type) {
    case 'fail-open.activated':
      return (
        "Could not connect to controller (or switch failed controller's post-connection admission control policy) " +
        `for ${event.seconds} seconds, failing open`
      );
    case 'fail-open.still-active':
      return `Still in fail-open mode after ${event.seconds} seconds disconnected from controller`;
    case 'fail-open.recovered':
      return 'No longer in fail-open mode';
  }
}

/** §7.3: the hidden rule: table 0, priority 0xf0f0f0, catch-all, actions=NORMAL. */
export function failOpenFlow(): HiddenFlow {
  return {
    priority: FAIL_OPEN_PRIORITY,
    match: CATCH_ALL,
    instructions: [{ type: 'apply_actions', actions: [{ type: 'output', port: OFPP_NORMAL, maxLen: 0 }] }],
  };
}

/**
 * §7.5: the bogus packet-in: a broadcast RARP request (42 bytes) whose
 * sender and target hardware addresses are 'mac', in_port LOCAL, reason
 * no_match, cookie all ones, controller id 0, no length limit.
 */
export function bogusPacketIn(mac: Uint8Array): DatapathPacketIn {
  const frame = new Uint8Array(42);
  frame.fill(0xff, 0, 6);
  frame.set(mac, 6);
  frame[12] = ETH_TYPE_RARP >> 8;
  frame[13] = ETH_TYPE_RARP & 0xff;
  const arp = [0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, ARP_OP_RARP_REQUEST];
  frame.set(arp, 14);
  frame.set(mac, 22); // sender hardware address; sender IP 0
  frame.set(mac, 32); // target hardware address; target IP 0
  return {
    type: 'packet_in',
    reason: 'no_match',
    tableId: 0,
    cookie: 0xffff_ffff_ffff_ffffn,
    metadata: [{ field: 'in_port', value: OFPP_LOCAL }],
    frame,
    controllerId: 0,
    maxLen: 0xffff,
  };
}

/** One bridge's fail-open state (OVS's struct fail_open). */
export class FailOpen {
  /** Seconds of failure last logged; 0 while not failing open (OVS's last_disconn_secs). */
  private lastDisconnSecs = 0;
  /** When the next bogus packet-in is due, ms; Infinity when none is scheduled. */
  private nextBogusAt = Infinity;
  /** Whether the last flush installed the rule (OVS's fail_open_active). */
  private ruleInstalled = false;
  private readonly randomBytes: (bytes: Uint8Array) => void;

  constructor(
    private readonly port: FailOpenPort,
    options: FailOpenOptions = {},
  ) {
    this.randomBytes = options.randomBytes ?? ((b) => void globalThis.crypto.getRandomValues(b));
  }

  /** §7.3: failing open (from activation until recovery). */
  get isActive(): boolean {
    return this.lastDisconnSecs !== 0;
  }

  /** Whether the hidden rule is in the flow table as far as fail-open knows (1 or 0 rules). */
  get hasRule(): boolean {
    return this.ruleInstalled;
  }

  /**
   * §7.2: seconds of failure that trigger fail-open: 3 x the largest
   * configured primary probe interval (0 when probes are off, so any
   * failure of at least 1 s triggers).
   */
  triggerSeconds(): number {
    return this.port.maxProbeInterval() * 3;
  }

  /**
   * §7.2, §7.3, §7.5: one pass at 'now'.  Activates (event, then flush)
   * when the failure lasted at least the trigger; while active, reports
   * the duration again each time it passed the last report by more than
   * 60 s, and keeps the bogus packet-in schedule: every 2 s while some
   * primary controller is connected (the first 2 s after the run that
   * found it connected), none otherwise.
   */
  run(now: number): FailOpenAction[] {
    const actions: FailOpenAction[] = [];
    const disconn = this.disconnSecs();
    if (disconn > 0 && disconn >= this.triggerSeconds()) {
      if (!this.isActive) {
        actions.push({ type: 'event', event: { type: 'fail-open.activated', seconds: disconn } });
        this.lastDisconnSecs = disconn;
        actions.push({ type: 'flush' });
      } else if (disconn > this.lastDisconnSecs + STILL_FAILING_LOG_STEP_S) {
        actions.push({ type: 'event', event: { type: 'fail-open.still-active', seconds: disconn } });
        this.lastDisconnSecs = disconn;
      }
    }
    if (this.isActive) {
      if (this.port.anyPrimaryConnected()) {
        const expired = now >= this.nextBogusAt;
        if (expired) actions.push({ type: 'packet-in', packetIn: this.bogusPacket() });
        if (expired || this.nextBogusAt === Infinity) this.nextBogusAt = now + BOGUS_PACKET_IN_INTERVAL_MS;
      } else {
        this.nextBogusAt = Infinity;
      }
    }
    return actions;
  }

  /**
   * §7.3: the flow tables were just flushed (by fail-open's activation or
   * any other cause): returns the rule to add if the failure condition
   * holds now, else nothing.
   */
  flushed(): FailOpenAction[] {
    const disconn = this.disconnSecs();
    this.ruleInstalled = disconn > 0 && disconn >= this.triggerSeconds();
    return this.ruleInstalled ? [{ type: 'add-flow', flow: failOpenFlow() }] : [];
  }

  /**
   * §7.4: before a received message is dispatched: if active and some
   * primary session is admitted, recovers (event, then deletion of the
   * fail-open rule only; no flush).  Else nothing.
   */
  maybeRecover(): FailOpenAction[] {
    if (!this.isActive || !this.port.anyPrimaryAdmitted()) return [];
    return this.recover();
  }

  /** §7.1: the object goes away; recovers first if active. */
  destroy(): FailOpenAction[] {
    return this.isActive ? this.recover() : [];
  }

  /**
   * When run() next has something to do if nothing else changes, ms
   * (Infinity: only a change of sessions or services can matter): the
   * moment the failure reaches the trigger, the next "still" report, or
   * the next bogus packet-in.  An admitted controller (failure 0) or a
   * bridge without active primary services never triggers by itself.
   */
  nextWakeAt(now: number): number {
    let wake = this.nextBogusAt;
    const failureMs = this.port.failureDurationMs();
    if (failureMs === null || (failureMs === 0 && this.port.anyPrimaryAdmitted())) return wake;
    const dueSecs = this.isActive ? this.lastDisconnSecs + STILL_FAILING_LOG_STEP_S + 1 : Math.max(1, this.triggerSeconds());
    wake = Math.min(wake, now + Math.max(0, dueSecs * 1000 - failureMs));
    return wake;
  }

  private recover(): FailOpenAction[] {
    this.lastDisconnSecs = 0;
    this.nextBogusAt = Infinity;
    this.ruleInstalled = false;
    return [
      { type: 'event', event: { type: 'fail-open.recovered' } },
      { type: 'delete-flow', priority: FAIL_OPEN_PRIORITY, match: CATCH_ALL },
    ];
  }

  /** §7.2: whole seconds of failure (OVS's connmgr_failure_duration). */
  private disconnSecs(): number {
    return Math.trunc((this.port.failureDurationMs() ?? 0) / 1000);
  }

  /** §7.5: a bogus packet-in from a fresh random Nicira-OUI address. */
  private bogusPacket(): DatapathPacketIn {
    const mac = new Uint8Array(6);
    this.randomBytes(mac.subarray(3));
    mac.set(NICIRA_OUI, 0);
    return bogusPacketIn(mac);
  }
}

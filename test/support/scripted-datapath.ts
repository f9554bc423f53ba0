/**
 * A DatapathPort for connmgr's own tests: it records every request, flush
 * and hidden-flow call, answers requests as the test tells it (by default
 * "done, no reply"), can hold answers back to test ordering and timeouts,
 * and raises the asynchronous events the test hands it.  It has no flow
 * table: the in-memory reference switch (src/agent) is the real datapath;
 * this fixture only lets each connmgr rule be driven on its own.
 */

import type {
  DatapathEvent,
  DatapathFeatures,
  DatapathPort,
  DatapathReply,
  DatapathRequest,
  HiddenFlow,
} from '../../src/connmgr/datapath-port.js';
import type { MatchField, Port } from '../../src/openflow/index.js';

/** A port as a test switch reports it. */
export function testPort(portNo: number, name: string, mac = '00:00:00:00:00:01', state = 0): Port {
  return {
    portNo, hwAddr: mac, name, config: 0, state, curr: 0x820, advertised: 0, supported: 0, peer: 0, currSpeed: 10_000_000, maxSpeed: 0,
  };
}

/** The LOCAL port of Open vSwitch's test bridges (§10: local MAC aa:55:aa:55:00:00). */
export const LOCAL_PORT = testPort(0xfffffffe, 'br0', 'aa:55:aa:55:00:00', 1);

/** Features like those of an OVS test bridge: dpid fedcba9876543210, 254 tables. */
export function testFeatures(ports: Port[] = [LOCAL_PORT]): DatapathFeatures {
  return {
    datapathId: 0xfedcba9876543210n,
    nTables: 254,
    // FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS ARP_MATCH_IP BUNDLES (OF1.1+ bits).
    capabilities: 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x200,
    actions: 0xfff,
    ports,
  };
}

/** How the fixture answers one request: a reply, or 'hold' to keep it pending until release(). */
export type Answerer = (req: DatapathRequest) => DatapathReply | 'hold';

interface Held {
  readonly req: DatapathRequest;
  readonly resolve: (reply: DatapathReply) => void;
}

export class ScriptedDatapath implements DatapathPort {
  featuresValue: DatapathFeatures;
  readonly requests: DatapathRequest[] = [];
  readonly held: Held[] = [];
  flushes = 0;
  readonly hiddenAdded: HiddenFlow[] = [];
  readonly hiddenDeleted: Array<{ priority: number; match: readonly MatchField[] }> = [];
  answerer: Answerer = () => ({ ok: true, replies: [] });
  /** §4.8.7: connmgr's table-miss setting, as last written. */
  missSendsToController = false;
  private listener: ((event: DatapathEvent) => void) | null = null;

  constructor(features: DatapathFeatures = testFeatures()) {
    this.featuresValue = features;
  }

  features(): DatapathFeatures {
    return this.featuresValue;
  }

  request(req: DatapathRequest): Promise<DatapathReply> {
    this.requests.push(req);
    const answer = this.answerer(req);
    if (answer !== 'hold') return Promise.resolve(answer);
    return new Promise((resolve) => this.held.push({ req, resolve }));
  }

  async flush(): Promise<void> {
    this.flushes++;
  }

  async addHiddenFlow(flow: HiddenFlow): Promise<void> {
    this.hiddenAdded.push(flow);
  }

  async deleteHiddenFlow(priority: number, match: readonly MatchField[]): Promise<void> {
    this.hiddenDeleted.push({ priority, match });
  }

  setEventListener(listener: ((event: DatapathEvent) => void) | null): void {
    this.listener = listener;
  }

  /** True while a connmgr listens. */
  get hasListener(): boolean {
    return this.listener !== null;
  }

  /** Raises 'event' as the datapath would. */
  emit(event: DatapathEvent): void {
    this.listener?.(event);
  }

  /** Answers the oldest held request with 'reply' (default: done, no reply). */
  release(reply: DatapathReply = { ok: true, replies: [] }): DatapathRequest {
    const h = this.held.shift();
    if (!h) throw new Error('no held datapath request');
    h.resolve(reply);
    return h.req;
  }
}

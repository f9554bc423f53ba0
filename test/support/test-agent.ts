/**
 * A switch agent for tests of the agent channel: a real grpc-js client of
 * Attach.  Two ways to use it:
 *  - serving: with a ReferenceSwitch behind it (switchAgent()), it says
 *    hello with the switch's features, carries out every request it gets
 *    while primary (requestFromProto -> the switch -> replyToProto, the
 *    hidden flow set made the switch's own) and sends the switch's events;
 *  - scripted: it records what the service sends (received, next()) and
 *    sends whatever the test writes (send()), answering nothing by itself.
 * Either way it keeps every operation it was sent (ops), the Arbitration
 * messages and StreamErrors, and the call's final status.  pause() stops
 * reading the service's messages (HTTP/2 flow control then pushes back on
 * the service).
 */

import * as grpc from '@grpc/grpc-js';
import { ReferenceSwitch, type ReferenceSwitchOptions } from '../../src/agent/index.js';
import { eventToProto, featuresToProto, replyToProto, requestFromProto, type DatapathOperation, type OperationResult } from '../../src/agentwire/index.js';
import { loadApi } from '../../src/api/index.js';
import type { AgentMessage } from '../../src/generated/ofconnmgr/v1/AgentMessage.js';
import type { ConnectionManagerClient } from '../../src/generated/ofconnmgr/v1/ConnectionManager.js';
import type { DatapathFeatures } from '../../src/generated/ofconnmgr/v1/DatapathFeatures.js';
import type { ServerMessage__Output } from '../../src/generated/ofconnmgr/v1/ServerMessage.js';
import type { Arbitration__Output } from '../../src/generated/ofconnmgr/v1/Arbitration.js';
import type { StreamError__Output } from '../../src/generated/ofconnmgr/v1/StreamError.js';
import { until } from './loopback.js';

/** One operation the agent was sent, with its request id. */
export interface ReceivedOp {
  readonly requestId: number;
  readonly op: DatapathOperation;
}

/** How an agent attaches. */
export interface TestAgentOptions {
  readonly bridge: string;
  readonly electionId: bigint;
  /** The hello's datapath id (default empty: the bridge's). */
  readonly datapathId?: string;
  /** The hello's features (default: the switch's, or no ports). */
  readonly features?: DatapathFeatures;
  /** A switch to serve requests with; without one the agent is scripted. */
  readonly sw?: ReferenceSwitch;
  /** Send nothing at all: the test sends the first message itself. */
  readonly noHello?: boolean;
}

const U64 = (1n << 64n) - 1n;

/** An Attach client. */
export class TestAgent {
  readonly received: ServerMessage__Output[] = [];
  readonly ops: ReceivedOp[] = [];
  readonly arbitrations: Arbitration__Output[] = [];
  readonly errors: StreamError__Output[] = [];
  /** The call's status once it ended. */
  status: grpc.StatusObject | null = null;
  /** Operations held back instead of carried out (scripted handling of a served agent). */
  hold = false;
  /** The frag handling mode last set. */
  fragHandling: number | null = null;
  private readonly call: grpc.ClientDuplexStream<AgentMessage, ServerMessage__Output>;
  private taken = 0;

  private constructor(
    private readonly client: ConnectionManagerClient,
    readonly options: TestAgentOptions,
  ) {
    this.call = client.Attach();
    this.call.on('data', (m: ServerMessage__Output) => this.receive(m));
    this.call.on('status', (s: grpc.StatusObject) => {
      this.status = s;
    });
    this.call.on('error', () => undefined);
    const sw = options.sw;
    if (sw) sw.setEventListener((ev) => this.isPrimary && this.send(eventToProto(ev)));
  }

  /** Opens Attach on 'address' and (unless noHello) says hello; does not wait for an answer. */
  static open(address: string, options: TestAgentOptions): TestAgent {
    const api = loadApi();
    const client = new api.ofconnmgr.v1.ConnectionManager(address, grpc.credentials.createInsecure());
    const agent = new TestAgent(client, options);
    if (!options.noHello) agent.send({ hello: agent.hello() });
    return agent;
  }

  /** Opens Attach and resolves with the agent once its first Arbitration came (throws if the stream ended instead). */
  static async attach(address: string, options: TestAgentOptions): Promise<TestAgent> {
    const agent = TestAgent.open(address, options);
    await agent.waitFor(() => agent.arbitrations.length > 0 || agent.status !== null, 'the arbitration', 10_000);
    if (agent.arbitrations.length === 0) throw new Error(`Attach ended: ${agent.status?.code} ${agent.status?.details}`);
    return agent;
  }

  /** The hello the options describe. */
  hello(): AgentMessage['hello'] {
    const id = this.options.electionId;
    const features = this.options.features ?? (this.options.sw ? featuresToProto(this.options.sw.features()) : { n_tables: 254, ports: [] });
    return {
      bridge: this.options.bridge,
      datapath_id: this.options.datapathId ?? '',
      election_id: { high: ((id >> 64n) & U64).toString(), low: (id & U64).toString() },
      features,
    };
  }

  /** The standing the last Arbitration gave: true if primary. */
  get isPrimary(): boolean {
    return this.arbitrations.at(-1)?.code === grpc.status.OK;
  }

  /** Writes 'msg' to the service; returns write()'s answer. */
  send(msg: AgentMessage): boolean {
    return this.call.write(msg);
  }

  /** Writes 'msg' and, if the stream pushed back, resolves only once it drained. */
  async sendPaced(msg: AgentMessage): Promise<void> {
    if (!this.call.write(msg)) await new Promise((resolve) => this.call.once('drain', resolve));
  }

  /** Stops (or resumes) reading the service's messages. */
  pause(): void {
    this.call.pause();
  }

  resume(): void {
    this.call.resume();
  }

  /** Half-closes the stream (the agent goes away politely). */
  end(): void {
    this.call.end();
  }

  /** Cancels the call (the agent goes away abruptly). */
  cancel(): void {
    this.call.cancel();
  }

  /** Closes the client. */
  close(): void {
    this.call.cancel();
    this.client.close();
  }

  /** Resolves with the next received message not taken yet that 'pred' accepts (earlier ones are taken too). */
  async next(pred: (m: ServerMessage__Output) => boolean = () => true, ms = 3000): Promise<ServerMessage__Output> {
    let found = -1;
    await this.waitFor(() => {
      found = this.received.findIndex((m, i) => i >= this.taken && pred(m));
      return found >= 0;
    }, 'a message from the service', ms);
    this.taken = found + 1;
    return this.received[found]!;
  }

  /** The operations of the kinds given, in order. */
  opsOf(...kinds: DatapathOperation['kind'][]): ReceivedOp[] {
    return this.ops.filter((o) => kinds.includes(o.op.kind));
  }

  /** Waits until the call ended; resolves with its status. */
  async ended(ms = 3000): Promise<grpc.StatusObject> {
    await this.waitFor(() => this.status !== null, 'the end of the Attach call', ms);
    return this.status!;
  }

  /** Answers request 'requestId' with 'result' (the version encodes raw replies). */
  reply(requestId: number, result: OperationResult, version = 4): boolean {
    return this.send({ reply: replyToProto(requestId, result, version) });
  }

  waitFor(pred: () => boolean, what: string, ms = 3000): Promise<void> {
    return until(pred, what, ms);
  }

  private receive(m: ServerMessage__Output): void {
    this.received.push(m);
    if (m.body === 'arbitration') this.arbitrations.push(m.arbitration!);
    else if (m.body === 'error') this.errors.push(m.error!);
    else if (m.body === 'request') {
      const { requestId, op } = requestFromProto(m.request!);
      this.ops.push({ requestId, op });
      if (this.options.sw && !this.hold) void this.carryOut(this.options.sw, requestId, op);
    }
  }

  /** Carries out 'op' on 'sw' and replies. */
  private async carryOut(sw: ReferenceSwitch, requestId: number, op: DatapathOperation): Promise<void> {
    let result: OperationResult = { ok: true, replies: [] };
    let version = 4;
    try {
      switch (op.kind) {
        case 'request':
          version = op.request.origin.version;
          result = await sw.request(op.request);
          break;
        case 'flush':
          await sw.flush();
          break;
        case 'add_hidden_flow':
          await sw.addHiddenFlow(op.flow);
          break;
        case 'delete_hidden_flow':
          await sw.deleteHiddenFlow(op.priority, op.match);
          break;
        case 'hidden_flow_set':
          for (const f of sw.dumpFlows().filter((x) => x.hidden)) await sw.deleteHiddenFlow(f.priority, f.match);
          for (const f of op.flows) await sw.addHiddenFlow(f);
          break;
        case 'miss_behaviour':
          sw.missSendsToController = op.sendToController;
          break;
        case 'in_band_query':
          result = { ok: true, inBandInfo: await sw.inbandInfo(op.remotes) };
          break;
        case 'frag_handling':
          this.fragHandling = op.mode;
          break;
      }
    } catch {
      result = { ok: false, error: 'OFPBRC_EPERM' };
    }
    if (this.status === null) this.reply(requestId, result, version);
  }
}

/** A ReferenceSwitch for an agent of bridge 'bridge' with data ports 1..'nPorts'. */
export function testSwitch(datapathId: bigint, bridge: string, nPorts = 2, more: Partial<ReferenceSwitchOptions> = {}): ReferenceSwitch {
  return new ReferenceSwitch({
    datapathId, bridgeName: bridge,
    ports: Array.from({ length: nPorts }, (_, i) => ({ portNo: i + 1, name: `p${i + 1}` })),
    ...more,
  });
}

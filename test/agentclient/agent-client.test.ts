/**
 * The agent client against a scripted Attach service (a real grpc-js
 * server the test drives message by message, test/support/scripted-attach.ts):
 * the hello, arbitration as primary and as backup, one reply per request
 * id carried out on a real reference switch, events forwarded as agent
 * messages, StreamErrors reported, reconnection with backoff keeping the
 * switch's flows, the half-close on stop, backpressure, and TLS.
 */

import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { ReferenceSwitch } from '../../src/agent/reference-switch.js';
import { AgentClient, type AgentClientEvent, ControlCommands, TransmitCapture } from '../../src/agentclient/index.js';
import { type DatapathOperation, eventFromProto, featuresFromProto, replyFromProto, requestToProto } from '../../src/agentwire/index.js';
import type { DatapathPacketIn } from '../../src/connmgr/datapath-port.js';
import { FakeClock } from '../support/fake-clock.js';
import { hexOf, tcpFrame, udpFrame } from '../support/frames.js';
import { freeLoopbackPort, until } from '../support/loopback.js';
import { type ScriptedCall, ScriptedAttachService } from '../support/scripted-attach.js';
import { apply, exact, flowMod, output } from '../support/switch-harness.js';
import { TestPki } from '../support/test-pki.js';

const ORIGIN = { sessionId: 3, sessionName: 'br0<->tcp:127.0.0.1:6653', version: 4, role: 'primary', xid: 77 } as const;

interface Rig {
  readonly sw: ReferenceSwitch;
  readonly client: AgentClient;
  readonly clock: FakeClock;
  readonly events: AgentClientEvent[];
  readonly commands: ControlCommands;
  stop(): Promise<void>;
}

function rig(server: string, opts: { electionId?: bigint; datapathId?: bigint; credentials?: grpc.ChannelCredentials; channelOptions?: grpc.ChannelOptions } = {}): Rig {
  const sw = new ReferenceSwitch({ datapathId: 0x1234n, bridgeName: 'br0', ports: [1, 2, 3].map((portNo) => ({ portNo })) });
  const clock = new FakeClock(0);
  const events: AgentClientEvent[] = [];
  const client = new AgentClient({
    server, bridge: 'br0', electionId: opts.electionId ?? 5n, datapath: sw, clock, onEvent: (e) => events.push(e),
    ...(opts.datapathId === undefined ? {} : { datapathId: opts.datapathId }),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.channelOptions ? { channelOptions: opts.channelOptions } : {}),
  });
  const capture = new TransmitCapture();
  sw.setTransmitListener((t) => capture.record(t));
  const commands = new ControlCommands({ sw, agent: client, capture, electionId: opts.electionId ?? 5n });
  return {
    sw, client, clock, events, commands,
    stop: async () => {
      const stopping = client.stop();
      clock.advance(10_000);
      await stopping;
      sw.close();
    },
  };
}

/** Sends 'op' as request 'id' and resolves with the agent's reply to it. */
async function ask(call: ScriptedCall, id: number, op: DatapathOperation) {
  call.send({ request: requestToProto(id, op) });
  const m = await call.next('reply');
  return replyFromProto(m.reply!);
}

function roles(events: readonly AgentClientEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'attached' ? [e.role] : e.type === 'lost' || e.type === 'retrying' || e.type === 'stopped' ? [e.type] : []));
}

test('hello, arbitration as primary, one reply per request id, and a packet-in after an inject', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address, { datapathId: 0x1234n });
  try {
    r.client.start();
    const call = await svc.call(0);
    const hello = (await call.next()).hello!;
    t.is(hello.bridge, 'br0');
    t.is(hello.datapath_id, '0000000000001234');
    t.deepEqual(hello.election_id, { high: '0', low: '5' });
    const features = featuresFromProto(hello.features!, 0x1234n);
    t.deepEqual(features.ports.map((p) => p.portNo), [1, 2, 3, 0xfffffffe]);
    t.is(features.nTables, 254);
    t.is(r.client.role, 'connecting');

    call.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    t.deepEqual(roles(r.events), ['primary']);

    // What a new primary gets first: the hidden flows and the miss behaviour.
    const hidden = { priority: 180000, match: exact({ in_port: 3, eth_type: 0x0806 }), instructions: apply(output(0xfffffffa)) };
    t.deepEqual(await ask(call, 1, { kind: 'hidden_flow_set', flows: [hidden] }), { requestId: 1, result: { ok: true, replies: [] } });
    t.deepEqual(await ask(call, 2, { kind: 'miss_behaviour', sendToController: true }), { requestId: 2, result: { ok: true, replies: [] } });
    t.true(r.sw.missSendsToController);
    // A controller's flow mod, and one the switch refuses.
    const fm = flowMod({ xid: 77, priority: 100, match: exact({ in_port: 1 }), instructions: apply(output(2)) });
    t.deepEqual(await ask(call, 3, { kind: 'request', request: { origin: ORIGIN, msg: fm } }), { requestId: 3, result: { ok: true, replies: [] } });
    const bad = flowMod({ xid: 78, priority: 100, match: exact({ in_port: 1 }), instructions: apply(output(0xff00 + 1)) });
    const refused = await ask(call, 4, { kind: 'request', request: { origin: ORIGIN, msg: bad } });
    t.like(refused, { requestId: 4, result: { ok: false } });
    t.deepEqual(r.sw.dumpFlows().map((f) => [f.priority, f.hidden]), [[180000, true], [100, false]]);
    t.like(await ask(call, 5, { kind: 'in_band_query', remotes: [{ ip: '192.0.2.1', port: 6653 }] }), {
      requestId: 5, result: { ok: true, inBandInfo: { localMac: '02:00:12:34:00:00', nextHopMacs: [null] } },
    });
    t.deepEqual(await ask(call, 6, { kind: 'frag_handling', mode: 1 }), { requestId: 6, result: { ok: true, replies: [] } });
    t.is(r.client.fragHandling, 1);

    // A frame through the control commands: forwarded by the flow, and a miss that becomes a packet-in.
    t.deepEqual(await r.commands.run(`inject 1 ${hexOf(tcpFrame())}`), { lines: [] });
    t.deepEqual((await r.commands.run('tx 2')).lines, [hexOf(tcpFrame())]);
    t.deepEqual(await r.commands.run(`inject 2 ${hexOf(udpFrame())}`), { lines: [] });
    const pin = eventFromProto(await call.next('packet_in')) as DatapathPacketIn;
    t.is(pin.type, 'packet_in');
    t.is(pin.reason, 'implicit_miss');
    t.deepEqual(Buffer.from(pin.frame), udpFrame());
    t.like(pin.metadata.find((f) => f.field === 'in_port'), { value: 2 });
    t.is(r.client.counters.packetInsSent, 1);
    t.is(r.client.counters.requests, 6);
    // Every message carried a message id; no reply came twice.
    const replies = call.received.filter((m) => m.body === 'reply').map((m) => m.reply!.request_id);
    t.deepEqual(replies, ['1', '2', '3', '4', '5', '6']);
    t.true(call.received.every((m) => m.message_id !== '0'));
  } finally {
    await r.stop();
    svc.close();
  }
});

test('a port-status and a flow-removed reach the service as agent messages', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address);
  try {
    r.client.start();
    const call = await svc.call(0);
    await call.next('hello');
    t.is(call.received[0]!.hello!.datapath_id, '', 'no --dpid: the bridge\'s own');
    call.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    t.deepEqual(await r.commands.run('link 3 down'), { lines: [] });
    const ps = eventFromProto(await call.next('port_status'));
    t.like(ps, { type: 'port_status', reason: 2, port: { portNo: 3 } });
    const fm = flowMod({ xid: 1, priority: 5, flags: 1, cookie: 0x99n, match: [], instructions: [] });
    t.like(await ask(call, 1, { kind: 'request', request: { origin: ORIGIN, msg: fm } }), { result: { ok: true } });
    t.deepEqual(await ask(call, 2, { kind: 'flush' }), { requestId: 2, result: { ok: true, replies: [] } });
    // The flow-removed is raised during the flush, so it comes before the flush's reply.
    const fr = eventFromProto(call.received.find((m) => m.body === 'flow_removed')!);
    t.like(fr, { type: 'flow_removed', reason: 2, priority: 5, cookie: 0x99n });
    t.is(r.sw.dumpFlows().length, 0);
  } finally {
    await r.stop();
    svc.close();
  }
});

test('a backup keeps its stream and sends no events until it is made the primary', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address, { electionId: 2n });
  try {
    r.sw.missSendsToController = true;
    r.client.start();
    const call = await svc.call(0);
    await call.next('hello');
    call.arbitrate(6, 9n);
    await until(() => r.client.role === 'backup', 'backup');
    t.is(r.client.primary, 9n);
    await r.commands.run(`inject 1 ${hexOf(tcpFrame())}`);
    await until(() => r.client.counters.eventsDropped === 1, 'the packet-in dropped');
    t.deepEqual(call.drain(), []);
    // The primary went; this agent takes over.
    call.arbitrate(0, 2n);
    await until(() => r.client.role === 'primary', 'primary');
    await r.commands.run(`inject 1 ${hexOf(tcpFrame())}`);
    t.like(eventFromProto(await call.next('packet_in')), { type: 'packet_in', reason: 'implicit_miss' });
    t.deepEqual(roles(r.events), ['backup', 'primary']);
    t.false(call.closed);
  } finally {
    await r.stop();
    svc.close();
  }
});

test('StreamErrors are reported with what they are about; an unreadable request gets an OpenFlow error', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address);
  try {
    r.sw.missSendsToController = true;
    r.client.start();
    const call = await svc.call(0);
    await call.next('hello');
    call.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    await r.commands.run(`inject 1 ${hexOf(tcpFrame())}`);
    const pin = await call.next('packet_in');
    call.send({ error: { code: grpc.status.INVALID_ARGUMENT, message: 'packet_in.metadata[0]: no port 1', message_id: pin.message_id } });
    await until(() => r.events.some((e) => e.type === 'stream-error'), 'the stream error');
    t.like(r.events.find((e) => e.type === 'stream-error'), {
      code: grpc.status.INVALID_ARGUMENT, messageId: pin.message_id, about: `a packet_in (implicit_miss, table 0, ${tcpFrame().length} bytes)`,
    });
    // A flow mod whose match names a field nobody knows.
    call.send({
      request: {
        request_id: '41', origin: { session_id: 1, session_name: 's', version: 4, role: 'MASTER', xid: 1 },
        message: { flow_mod: { command: 'FLOW_MOD_ADD', match: [{ field: 'no_such_field', value: { number: '1' } }] } },
      },
    });
    const reply = await call.next('reply');
    t.is(reply.reply!.request_id, '41');
    t.is(reply.reply!.result, 'error');
    t.is(reply.reply!.error!.name, 'OFPBRC_BAD_TYPE');
    t.like(r.events.find((e) => e.type === 'request-failed'), { requestId: '41', error: 'OFPBRC_BAD_TYPE' });
    // The stream goes on.
    t.deepEqual(await ask(call, 42, { kind: 'flush' }), { requestId: 42, result: { ok: true, replies: [] } });
  } finally {
    await r.stop();
    svc.close();
  }
});

test('a lost stream is retried after 1 s, then 2 s; the switch keeps its flows; an arbitration resets the wait', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address);
  try {
    r.client.start();
    const first = await svc.call(0);
    await first.next('hello');
    first.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    await ask(first, 1, { kind: 'request', request: { origin: ORIGIN, msg: flowMod({ priority: 7, match: [], instructions: [] }) } });
    first.fail(grpc.status.UNAVAILABLE, 'service going away');
    await until(() => r.events.some((e) => e.type === 'retrying'), 'a retry');
    t.like(r.events.find((e) => e.type === 'lost'), { code: grpc.status.UNAVAILABLE, details: 'service going away', attached: true });
    t.like(r.events.find((e) => e.type === 'retrying'), { delayMs: 1000 });
    t.is(r.client.role, 'detached');
    r.clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.is(svc.calls.length, 1);
    r.clock.advance(1);
    const second = await svc.call(1);
    t.truthy((await second.next()).hello, 'a fresh stream starts with a hello');
    // Ended before any arbitration: the next wait doubles.
    second.fail(grpc.status.NOT_FOUND, 'no bridge br0');
    await until(() => r.events.filter((e) => e.type === 'retrying').length === 2, 'a second retry');
    t.like(r.events.filter((e) => e.type === 'retrying')[1], { delayMs: 2000 });
    t.like(r.events.filter((e) => e.type === 'lost')[1], { attached: false, code: grpc.status.NOT_FOUND });
    r.clock.advance(2000);
    const third = await svc.call(2);
    await third.next('hello');
    third.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary again');
    t.deepEqual(r.sw.dumpFlows().map((f) => f.priority), [7]);
    third.finish();
    await until(() => r.events.filter((e) => e.type === 'retrying').length === 3, 'a third retry');
    t.like(r.events.filter((e) => e.type === 'retrying')[2], { delayMs: 1000 });
    t.deepEqual(roles(r.events), ['primary', 'lost', 'retrying', 'lost', 'retrying', 'primary', 'lost', 'retrying']);
  } finally {
    await r.stop();
    svc.close();
  }
});

test('an unreachable service is retried after 1, 2, 4, 8, 8 s, and attached once it starts', async (t) => {
  const port = await freeLoopbackPort();
  const r = rig(`127.0.0.1:${port}`);
  let svc: ScriptedAttachService | undefined;
  try {
    r.client.start();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await until(() => r.events.filter((e) => e.type === 'retrying').length > i, `retry ${i + 1}`, 10_000);
      const e = r.events.filter((x) => x.type === 'retrying')[i]!;
      if (e.type === 'retrying') waits.push(e.delayMs);
      r.clock.advance(waits.at(-1)!);
    }
    t.deepEqual(waits, [1000, 2000, 4000, 8000, 8000]);
    t.like(r.events.find((e) => e.type === 'lost'), { code: grpc.status.UNAVAILABLE, attached: false });
    svc = await ScriptedAttachService.start(port);
    await until(() => r.events.filter((e) => e.type === 'retrying').length === 6, 'retry 6', 10_000);
    r.clock.advance(8000);
    const call = await svc.call(0);
    await call.next('hello');
    call.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    t.is(r.client.counters.attempts, 7);
  } finally {
    await r.stop();
    svc?.close();
  }
});

test('stop() half-closes the stream, and nothing is retried after it', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address);
  r.client.start();
  const call = await svc.call(0);
  await call.next('hello');
  call.arbitrate(0, 5n);
  await until(() => r.client.role === 'primary', 'primary');
  const stopping = r.client.stop();
  await call.until(() => call.halfClosed, 'the half-close');
  t.false(call.closed);
  call.finish();
  await stopping;
  t.is(r.client.role, 'stopped');
  t.deepEqual(roles(r.events).slice(-2), ['lost', 'stopped']);
  r.clock.advance(60_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.is(svc.calls.length, 1);
  r.sw.close();
  svc.close();
});

test('backpressure: a full stream stops injects and requests until it drains', async (t) => {
  const svc = await ScriptedAttachService.start();
  const r = rig(svc.address);
  try {
    r.sw.missSendsToController = true;
    r.client.start();
    const call = await svc.call(0);
    await call.next('hello');
    call.arbitrate(0, 5n);
    await until(() => r.client.role === 'primary', 'primary');
    // The service stops reading; the switch raises packet-ins until the stream pushes back.
    call.call.pause();
    const big = udpFrame({ payload: Buffer.alloc(1400, 7) });
    // grpc-js and HTTP/2 buffer about a megabyte before the stream stays full: inject in batches until it does.
    for (let n = 0; n < 20_000; n += 50) {
      for (let i = 0; i < 50; i++) r.sw.inject(1, big);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!r.client.writable) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (!r.client.writable) break;
      }
    }
    t.false(r.client.writable, 'the stream filled');
    t.true(r.events.some((e) => e.type === 'backpressure' && e.on));
    // An inject through the control socket waits; a request is not read.
    let injected = false;
    const inject = r.commands.run(`inject 1 ${hexOf(tcpFrame())}`).then(() => (injected = true));
    call.send({ request: requestToProto(1, { kind: 'request', request: { origin: ORIGIN, msg: flowMod({ priority: 9, match: [], instructions: [] }) } }) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.false(injected);
    t.deepEqual(r.sw.dumpFlows(), []);
    const sent = r.client.counters.packetInsSent;
    call.call.resume();
    await inject;
    await until(() => r.sw.dumpFlows().length === 1, 'the flow mod carried out');
    await until(() => call.received.some((m) => m.body === 'reply'), 'the reply');
    t.true(r.client.writable);
    t.is(r.client.counters.packetInsSent, sent + 1);
    t.true(r.events.some((e) => e.type === 'backpressure' && !e.on));
  } finally {
    await r.stop();
    svc.close();
  }
});

test('TLS: the agent attaches with the credentials it is given', async (t) => {
  const pki = new TestPki();
  try {
    const ca = pki.authority('agent-ca');
    const server = pki.issue(ca, 'localhost');
    const svc = await ScriptedAttachService.start(0, grpc.ServerCredentials.createSsl(readFileSync(ca.cert), [
      { private_key: readFileSync(server.key), cert_chain: readFileSync(server.cert) },
    ], false));
    const r = rig(svc.address, {
      credentials: grpc.credentials.createSsl(readFileSync(ca.cert)),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
    try {
      r.client.start();
      const call = await svc.call(0);
      t.is((await call.next()).hello!.bridge, 'br0');
    } finally {
      await r.stop();
      svc.close();
    }
  } finally {
    pki.remove();
  }
});

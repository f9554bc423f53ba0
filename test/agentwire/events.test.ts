/**
 * The datapath's events and features on the agent channel: packet-in,
 * flow-removed and port-status events, and the datapath's features, go
 * from the neutral form through an AgentMessage's protobuf bytes and back
 * unchanged (hand-written cases, every port, match and flow-removed of the
 * golden corpus, random ports), and an event an agent gets wrong is
 * refused naming its field, as the StreamError it becomes will.
 */

import test from 'ava';
import fc from 'fast-check';
import { eventFromProto, eventToProto } from '../../src/agentwire/events.js';
import { featuresFromProto, featuresToProto } from '../../src/agentwire/ports.js';
import type { DatapathEvent, DatapathFeatures, PacketInReason } from '../../src/connmgr/datapath-port.js';
import type { AgentMessage__Output } from '../../src/generated/ofconnmgr/v1/AgentMessage.js';
import type { Port__Output } from '../../src/generated/ofconnmgr/v1/Port.js';
import { decode } from '../../src/openflow/codec.js';
import { NO_COOKIE } from '../../src/openflow/packet-in.js';
import { OFPP_LOCAL } from '../../src/openflow/port-number.js';
import type { Port } from '../../src/openflow/port.js';
import { agentMessageTrip, agentWireErrorOf, featuresTrip } from '../support/agent-wire.js';
import { assertSameNeutral } from '../support/codec-assert.js';
import { port as portArb } from '../support/multipart-arbitraries.js';
import { anyMatchArb } from '../support/neutral-arbitraries.js';
import { fixtureBytes, loadGoldenCorpus } from '../support/osken-corpus.js';

function trip(ev: DatapathEvent): DatapathEvent {
  return eventFromProto(agentMessageTrip(eventToProto(ev)));
}

const frame = Uint8Array.from({ length: 60 }, (_, i) => i);
const port1: Port = {
  portNo: 1, hwAddr: 'aa:55:aa:55:00:01', name: 'eth1', config: 0, state: 4, curr: 0x2820, advertised: 0, supported: 0x2820, peer: 0,
  currSpeed: 10_000_000, maxSpeed: 10_000_000,
};

test('a packet-in of every reason round-trips, with metadata, cookie and frame intact', (t) => {
  const reasons: PacketInReason[] = ['no_match', 'action', 'invalid_ttl', 'action_set', 'group', 'packet_out', 'explicit_miss', 'implicit_miss'];
  for (const reason of reasons) {
    const ev: DatapathEvent = {
      type: 'packet_in', reason, tableId: 3, cookie: NO_COOKIE, frame, controllerId: 7, maxLen: 128,
      metadata: [{ field: 'in_port', value: 2 }, { field: 'tunnel_id', value: 0xfedcba9876543210n }, { field: 'reg3', value: 9 }],
    };
    assertSameNeutral(t, trip(ev), ev);
  }
});

test('a packet-in frame comes back as the same bytes in a plain Uint8Array', (t) => {
  const ev = trip({ type: 'packet_in', reason: 'no_match', tableId: 0, cookie: 0n, metadata: [], frame, controllerId: 0, maxLen: 0xffff });
  t.is(ev.type === 'packet_in' ? ev.frame.constructor : undefined, Uint8Array);
  t.deepEqual(ev.type === 'packet_in' ? [...ev.frame] : [], [...frame]);
});

test('a flow-removed event round-trips with 64-bit counters above 2^53', (t) => {
  const ev: DatapathEvent = {
    type: 'flow_removed', reason: 5, tableId: 254, priority: 0xffff, cookie: 0x8000000000000001n,
    match: [{ field: 'eth_type', value: 0x86dd }, { field: 'ipv6_dst', value: 'fe80::', mask: 'ffc0::' }],
    durationSec: 0xffffffff, durationNsec: 999_999_999, idleTimeout: 60, hardTimeout: 0xffff,
    packetCount: 0xfffffffffffffffen, byteCount: 9007199254740993n,
  };
  t.deepEqual(trip(ev), ev);
});

test('a port status round-trips with and without the session that caused it', (t) => {
  for (const ev of [
    { type: 'port_status', reason: 2, port: port1, causedBy: 0 },
    { type: 'port_status', reason: 0, port: { ...port1, extraProperties: Uint8Array.from([0xff, 0xff, 0, 8, 0, 0, 0, 1]) } },
  ] as DatapathEvent[]) {
    assertSameNeutral(t, trip(ev), ev);
    t.is('causedBy' in trip(ev), 'causedBy' in ev);
  }
});

test('every port, packet-in match and flow-removed of the golden corpus round-trips as an event', (t) => {
  let ports = 0, pins = 0, removed = 0;
  for (const f of loadGoldenCorpus().fixtures) {
    const m = decode(fixtureBytes(f));
    let ev: DatapathEvent | undefined;
    if (m.type === 'port_status') {
      ev = { type: 'port_status', reason: m.reason, port: m.port };
      ports++;
    } else if (m.type === 'packet_in') {
      ev = { type: 'packet_in', reason: 'action', tableId: m.tableId, cookie: m.cookie, metadata: m.match, frame: m.data, controllerId: 0, maxLen: 0xffff };
      pins++;
    } else if (m.type === 'flow_removed') {
      const { type, reason, tableId, priority, cookie, match, durationSec, durationNsec, idleTimeout, hardTimeout, packetCount, byteCount } = m;
      ev = { type, reason, tableId, priority, cookie, match, durationSec, durationNsec, idleTimeout, hardTimeout, packetCount, byteCount };
      removed++;
    }
    if (ev) assertSameNeutral(t, trip(ev), ev);
  }
  t.true(ports >= 20 && pins >= 20 && removed >= 10, `${ports} ports, ${pins} packet-ins, ${removed} flow-removed`);
});

test('random ports of every version\'s shape and random packet-in metadata round-trip', (t) => {
  fc.assert(fc.property(fc.constantFrom(1, 4, 5).chain(portArb), (port) => {
    const ev: DatapathEvent = { type: 'port_status', reason: 1, port };
    assertSameNeutral(t, trip(ev), ev);
  }), { numRuns: 200 });
  fc.assert(fc.property(anyMatchArb, (metadata) => {
    const ev: DatapathEvent = { type: 'packet_in', reason: 'no_match', tableId: 0, cookie: 1n, metadata, frame, controllerId: 0, maxLen: 0xffff };
    assertSameNeutral(t, trip(ev), ev);
  }), { numRuns: 200 });
});

test('features round-trip, the datapath id coming from the caller', (t) => {
  const f: DatapathFeatures = {
    datapathId: 0xfedcba9876543210n, nTables: 254, capabilities: 0x4f, actions: 0xfff,
    ports: [port1, { ...port1, portNo: OFPP_LOCAL, name: 'br0', hwAddr: 'aa:55:aa:55:00:00' }],
  };
  t.deepEqual(featuresFromProto(featuresTrip(featuresToProto(f)), f.datapathId), f);
});

/* Validation. */

function packetIn(p: Partial<NonNullable<AgentMessage__Output['packet_in']>>): AgentMessage__Output {
  return {
    body: 'packet_in', message_id: '0',
    packet_in: { reason: 'PACKET_IN_ACTION', table_id: 0, cookie: '0', metadata: [], frame: Buffer.alloc(14), controller_id: 0, max_len: 0, ...p },
  };
}

function pbPort(p: Partial<Port__Output>): Port__Output {
  return {
    port_no: 1, hw_addr: 'aa:55:aa:55:00:01', name: 'p1', config: 0, state: 0, curr: 0, advertised: 0, supported: 0, peer: 0,
    curr_speed: 0, max_speed: 0, extra_properties: Buffer.alloc(0), ...p,
  };
}

function portStatus(reason: number, port: Port__Output | null): AgentMessage__Output {
  return { body: 'port_status', message_id: '0', port_status: { reason, port } };
}

const eventErrors: readonly { name: string; m: AgentMessage__Output; path: string; says: RegExp }[] = [
  {
    name: 'a metadata field of unknown name (the StreamError example)',
    m: packetIn({ metadata: [{ field: 'in_port', value: { number: '1', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) },
      { field: 'reg0', value: { number: '1', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) },
      { field: 'no_such_field', value: { number: '1', kind: 'number' }, mask: null, tlv: Buffer.alloc(0) }] }),
    path: 'packet_in.metadata[2].field', says: /unknown match field "no_such_field"/,
  },
  { name: 'a packet-in without a reason', m: packetIn({ reason: 'PACKET_IN_REASON_UNSPECIFIED' }), path: 'packet_in.reason', says: /needs a reason/ },
  { name: 'a packet-in reason number this side does not know', m: packetIn({ reason: 42 as never }), path: 'packet_in.reason', says: /unknown packet-in reason 42/ },
  { name: 'a table id beyond 8 bits', m: packetIn({ table_id: 256 }), path: 'packet_in.table_id', says: /256 does not fit in 8 bits \(0-255\)/ },
  { name: 'a max_len beyond 16 bits', m: packetIn({ max_len: 0x10000 }), path: 'packet_in.max_len', says: /65536 does not fit in 16 bits/ },
  { name: 'a controller id beyond 16 bits', m: packetIn({ controller_id: 0x10000 }), path: 'packet_in.controller_id', says: /does not fit in 16 bits/ },
  { name: 'a cookie that is not a uint64', m: packetIn({ cookie: '-1' }), path: 'packet_in.cookie', says: /"-1" is not an unsigned 64-bit integer/ },
  { name: 'a port status without its port', m: portStatus(0, null), path: 'port_status.port', says: /the port is missing/ },
  { name: 'a port status reason beyond modify', m: portStatus(3, pbPort({})), path: 'port_status.reason', says: /3 is not a valid port-status reason/ },
  { name: 'a port with a bad MAC', m: portStatus(0, pbPort({ hw_addr: 'aa:55:aa:55:00' })), path: 'port_status.port.hw_addr', says: /is not an Ethernet address/ },
  { name: 'a port name of 16 characters', m: portStatus(0, pbPort({ name: 'abcdefghijklmnop' })), path: 'port_status.port.name', says: /longer than 15 characters/ },
  { name: 'a port name with a NUL', m: portStatus(0, pbPort({ name: 'a\u0000b' })), path: 'port_status.port.name', says: /cannot hold/ },
  { name: 'port properties that are not a property list', m: portStatus(0, pbPort({ extra_properties: Buffer.from('ffff000c00000000', 'hex') })), path: 'port_status.port.extra_properties', says: /needs 16 bytes with its padding, 8 are left/ },
  {
    name: 'a flow-removed reason beyond eviction',
    m: { body: 'flow_removed', message_id: '0', flow_removed: { reason: 6, table_id: 0, priority: 0, cookie: '0', match: [], duration_sec: 0, duration_nsec: 0, idle_timeout: 0, hard_timeout: 0, packet_count: '0', byte_count: '0' } },
    path: 'flow_removed.reason', says: /6 is not a valid flow-removed reason \(0-5\)/,
  },
  {
    name: 'a flow-removed priority beyond 16 bits',
    m: { body: 'flow_removed', message_id: '0', flow_removed: { reason: 0, table_id: 0, priority: 70000, cookie: '0', match: [], duration_sec: 0, duration_nsec: 0, idle_timeout: 0, hard_timeout: 0, packet_count: '0', byte_count: '0' } },
    path: 'flow_removed.priority', says: /70000 does not fit in 16 bits/,
  },
  { name: 'a message that is not an event', m: { body: 'hello', message_id: '0', hello: null }, path: 'hello', says: /a hello message is not an event/ },
  { name: 'a message with no body', m: { message_id: '0' }, path: '', says: /has no body/ },
];

for (const c of eventErrors) {
  test(`event refused with its path: ${c.name}`, (t) => {
    const e = agentWireErrorOf(t, () => eventFromProto(c.m));
    t.is(e.path, c.path);
    t.regex(e.message, c.says);
  });
}

test('features with a table count outside 1-255 or a port listed twice are refused', (t) => {
  const base = { n_tables: 254, capabilities: 0, actions: 0, ports: [pbPort({})] };
  t.is(agentWireErrorOf(t, () => featuresFromProto({ ...base, n_tables: 0 }, 1n)).path, 'n_tables');
  t.is(agentWireErrorOf(t, () => featuresFromProto({ ...base, n_tables: 256 }, 1n)).path, 'n_tables');
  const e = agentWireErrorOf(t, () => featuresFromProto({ ...base, ports: [pbPort({}), pbPort({ port_no: 2 }), pbPort({ name: 'x' })] }, 1n));
  t.is(e.path, 'ports[2].port_no');
  t.regex(e.detail, /port 1 is listed twice \(also at ports\[0\]\)/);
  t.is(e.within('hello.features').path, 'hello.features.ports[2].port_no');
});

/**
 * The scalar readers every agent-channel conversion is built from: widths,
 * uint64 strings, addresses, property lists, and the error's path.
 */

import test from 'ava';
import { AgentWireError } from '../../src/agentwire/agent-wire-error.js';
import {
  checkProperties, intInRange, ipv6From, macFrom, safeIntegerFrom, uint64From, uint64ToProto, uintFrom,
} from '../../src/agentwire/proto-scalars.js';
import { agentWireErrorOf } from '../support/agent-wire.js';

test('unsigned widths: the largest value fits, one more does not, fractions and negatives are not integers', (t) => {
  t.is(uintFrom(255, 8, 'a'), 255);
  t.is(uintFrom(0xffffffff, 32, 'a'), 0xffffffff);
  t.is(agentWireErrorOf(t, () => uintFrom(0x10000, 16, 'x.y')).message, 'x.y: 65536 does not fit in 16 bits (0-65535)');
  t.regex(agentWireErrorOf(t, () => uintFrom(1.5, 8, 'a')).detail, /1.5 is not an unsigned integer/);
  t.regex(agentWireErrorOf(t, () => uintFrom(-1, 8, 'a')).detail, /-1 does not fit in 8 bits/);
  t.regex(agentWireErrorOf(t, () => uintFrom('3', 8, 'a')).detail, /"3" is not an unsigned integer/);
  t.regex(agentWireErrorOf(t, () => intInRange(9, 1, 6, 'v', 'wire version')).detail, /9 is not a valid wire version \(1-6\)/);
});

test('uint64 strings: every bit kept both ways; hex, signs, spaces and overflow refused', (t) => {
  t.is(uint64From('18446744073709551615', 'c'), 0xffffffffffffffffn);
  t.is(uint64ToProto(0xffffffffffffffffn), '18446744073709551615');
  t.is(uint64From(42, 'c'), 42n);
  for (const bad of ['0x1', '-1', ' 1', '1 ', '', '01', '1e3', '18446744073709551616']) {
    const e = agentWireErrorOf(t, () => uint64From(bad, 'c'));
    t.is(e.path, 'c', bad);
  }
  t.regex(agentWireErrorOf(t, () => uint64From(2 ** 53, 'c')).detail, /give it as a decimal string/);
  t.is(safeIntegerFrom('9007199254740991', 'id'), Number.MAX_SAFE_INTEGER);
  t.regex(agentWireErrorOf(t, () => safeIntegerFrom('9007199254740992', 'id')).detail, /above 9007199254740991/);
});

test('addresses are normalised: MACs to lower case, IPv6 to RFC 5952 text', (t) => {
  t.is(macFrom('AA:bb:CC:00:11:22', 'm'), 'aa:bb:cc:00:11:22');
  t.is(ipv6From('2001:0DB8:0000:0000:0000:0000:0000:0001', 'a'), '2001:db8::1');
  t.is(ipv6From('::ffff:10.0.0.1', 'a'), '::ffff:10.0.0.1');
  t.regex(agentWireErrorOf(t, () => macFrom('aa-bb-cc-00-11-22', 'm')).detail, /is not an Ethernet address/);
});

test('property lists: well framed and padded to 8, or refused naming the offset', (t) => {
  t.notThrows(() => checkProperties(new Uint8Array(0), 'p'));
  t.notThrows(() => checkProperties(Uint8Array.from([0, 1, 0, 5, 9, 0, 0, 0, 0, 2, 0, 8, 1, 2, 3, 4]), 'p'));
  t.regex(agentWireErrorOf(t, () => checkProperties(Uint8Array.from([0, 1, 0, 2, 0, 0, 0, 0]), 'p')).detail, /offset 0 has length 2, below 4/);
  t.regex(agentWireErrorOf(t, () => checkProperties(Uint8Array.from([0, 1, 0, 8, 0, 0, 0, 0, 0, 1]), 'p')).detail, /2 bytes at offset 8/);
});

test('an error seen from an enclosing message gets the enclosing path in front', (t) => {
  const e = new AgentWireError('ports[1].name', 'too long');
  t.is(e.within('hello.features').message, 'hello.features.ports[1].name: too long');
  t.is(new AgentWireError('', 'no body').within('reply').path, 'reply');
  t.is(e.within('').path, 'ports[1].name');
  t.true(AgentWireError.is(e));
  t.false(AgentWireError.is(new Error('x')));
});

/**
 * Roles (§4.4): NX and OF1.2+ role requests, the bridge's generation id
 * with serial-number staleness, demotion and role status, and the replay
 * of Open vSwitch's "controller role" tests for OF1.2, 1.3 and 1.4
 * (§10.9) with their exact messages, over raw clients on a service
 * listener.
 */

import test from 'ava';
import { decideRoleRequest, PrimaryElection } from '../../src/connmgr/roles.js';
import { decode, formatMessage, type RoleRequestMsg } from '../../src/openflow/index.js';
import { serviceBridge } from '../support/connmgr-fixture.js';
import { msgOf, typesOf, type Received } from '../support/of-client.js';

/** A received message as ovs-ofctl's log shows it after strip_xids (our printer; OF1.0 unmarked). */
function line(r: Received): string {
  const m = msgOf(r);
  if (m.type === 'error') {
    // ovs-ofctl prints the error name, then the request on its own line.
    const request = formatMessage(decode(Buffer.from(m.data))).replace(/ \(xid=0x[0-9a-f]+\)/, '');
    return `OFPT_ERROR (OF${['', '1.0', '1.1', '1.2', '1.3', '1.4', '1.5'][m.version]}): ${String(m.error)}\n${request}`;
  }
  return formatMessage(m).replace(/ \(xid=0x[0-9a-f]+\)/, '');
}

test('§4.4.3 the generation id is stale by serial-number comparison, wrapping at 2^64; undefined is never stale', (t) => {
  const e = new PrimaryElection();
  t.is(e.current, null);
  t.is(e.wireValue, 0xffffffffffffffffn);
  t.false(e.isStale(0n));
  e.set(2n ** 63n + 3n);
  t.true(e.isStale(3n), '3 - (2^63 + 3) is -2^63: stale');
  t.false(e.isStale(1n), '1 - (2^63 + 3) wraps to 2^63 - 2: fresh');
  t.false(e.isStale(2n ** 63n + 3n), 'equal is fresh');
  t.true(e.isStale(2n ** 63n + 2n));
  e.set(0xffffffffffffffffn);
  t.false(e.isStale(0n), 'wraps past all ones');
});

test('§4.4.2 §4.4.3 a role request decides: NOCHANGE keeps, EQUAL ignores the generation id, NX never checks it, stale is refused', (t) => {
  const e = new PrimaryElection();
  e.set(10n);
  const req = (role: RoleRequestMsg['role'], generationId: bigint, format: 'standard' | 'nx' = 'standard'): RoleRequestMsg =>
    ({ type: 'role_request', version: 4, xid: 1, format, role, generationId });
  t.deepEqual(decideRoleRequest(req('nochange', 1n), 'secondary', e), { ok: true, role: 'secondary', changed: false, generationId: null });
  t.deepEqual(decideRoleRequest(req('equal', 1n), 'primary', e), { ok: true, role: 'equal', changed: true, generationId: null });
  t.deepEqual(decideRoleRequest(req('primary', 9n), 'equal', e), { ok: false, error: 'OFPRRFC_STALE' });
  t.deepEqual(decideRoleRequest(req('secondary', 11n), 'equal', e), { ok: true, role: 'secondary', changed: true, generationId: 11n });
  t.deepEqual(decideRoleRequest(req('primary', 0n, 'nx'), 'equal', e), { ok: true, role: 'primary', changed: true, generationId: null });
});

for (const [version, statusLine] of [
  [3, null],
  [4, 'ONFT_ROLE_STATUS (OF1.3): role=secondary generation_id=1 reason=primary_request'],
  [5, 'OFPT_ROLE_STATUS (OF1.4): role=secondary generation_id=1 reason=primary_request'],
] as const) {
  const of = ['', '1.0', '1.1', '1.2', '1.3', '1.4'][version];
  const v = `0${version}`;
  test(`§10.9 §4.4.3-4.4.5 ofproto - controller role (OpenFlow ${of})`, async (t) => {
    const b = await serviceBridge();
    t.teardown(() => b.close());
    const c1 = await b.connect(version);
    const c2 = await b.connect(version);
    const out1: string[] = [];
    const out2: string[] = [];
    for (const [c, out] of [[c1, out1], [c2, out2]] as const) {
      c.sendHex(`${v}1800180000000200000000000000000000000000000000`);
      out.push(...(await c.barrier()).map(line));
    }
    c1.sendHex(`${v}1800180000000300000003000000008000000000000002`);
    out1.push(...(await c1.barrier()).map(line));
    c2.sendHex(`${v}1800180000000300000002000000008000000000000003`);
    out2.push(...(await c2.barrier()).map(line));
    c1.sendHex(`${v}1800180000000400000002000000000000000000000003`);
    out1.push(...(await c1.barrier()).map(line));
    c1.sendHex(`${v}1800180000000500000002000000000000000000000001`);
    out1.push(...(await c1.barrier()).map(line));
    out2.push(...(await c2.barrier()).map(line));
    t.deepEqual(out1, [
      `OFPT_ROLE_REPLY (OF${of}): role=equal`,
      `OFPT_ROLE_REPLY (OF${of}): role=secondary generation_id=9223372036854775810`,
      `OFPT_ERROR (OF${of}): OFPRRFC_STALE\nOFPT_ROLE_REQUEST (OF${of}): role=primary generation_id=3`,
      `OFPT_ROLE_REPLY (OF${of}): role=primary generation_id=1`,
    ]);
    t.deepEqual(out2, [
      `OFPT_ROLE_REPLY (OF${of}): role=equal`,
      `OFPT_ROLE_REPLY (OF${of}): role=primary generation_id=9223372036854775811`,
      ...(statusLine ? [statusLine] : []),
    ]);
    t.deepEqual(b.mgr.sessions.map((s) => s.role), ['primary', 'secondary']);
  });
}

test('§4.4.5 role status goes to a demoted session whatever its async config and miss_send_len, with xid 0; none to the requester', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c1 = await b.connect(5);
  const c2 = await b.connect(5);
  c1.sendHex('051800180000000100000002000000000000000000000005');
  t.deepEqual(typesOf(await c1.barrier()), ['role_reply']);
  c2.sendHex('051800180000000200000002000000000000000000000006');
  t.deepEqual(typesOf(await c2.barrier()), ['role_reply'], 'no role status to the requester');
  const [status] = await c1.barrier();
  t.like(msgOf(status!), { type: 'role_status', role: 'secondary', reason: 0, generationId: 6n, xid: 0 });
  t.is(b.mgr.sessions[0]!.missSendLen, 0, 'a service session with miss_send_len 0 still hears of it');
});

test('§4.4.2 NXT_ROLE_REQUEST in any version: primary demotes the others (no generation id), replies NXT_ROLE_REPLY; a bad role is BAD_ROLE', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c1 = await b.connect(1);
  const c2 = await b.connect(4);
  c1.sendHex('0104001400000001000023200000000a00000001');
  t.like(msgOf((await c1.barrier())[0]!), { type: 'role_reply', format: 'nx', role: 'primary' });
  c2.sendHex('0404001400000002000023200000000a00000001');
  const [reply] = await c2.barrier();
  t.is(reply!.frame.toString('hex'), '0404001400000002000023200000000b00000001');
  t.deepEqual(await c1.barrier(), [], 'an OF1.0 session gets no role status');
  t.deepEqual(b.mgr.sessions.map((s) => s.role), ['secondary', 'primary']);
  c1.sendHex('0104001400000003000023200000000a00000003');
  const [err] = await c1.barrier();
  t.like(msgOf(err!), { type: 'error', error: 'OFPRRFC_BAD_ROLE' });
  // §9.4: NX (1,513) in OF1.0: vendor error type 0xb0c2.
  t.is(err!.frame.readUInt16BE(8), 0xb0c2);
  c2.sendHex('041800180000000400000004000000000000000000000000');
  const [err2] = await c2.barrier();
  t.like(msgOf(err2!), { type: 'error', error: 'OFPRRFC_BAD_ROLE' });
  t.deepEqual([err2!.frame.readUInt16BE(8), err2!.frame.readUInt16BE(10)], [11, 2]);
});

test('§4.4.1 §4.4.4 service sessions may take roles; NOCHANGE reports the current role and the bridge\'s generation id', async (t) => {
  const b = await serviceBridge();
  t.teardown(() => b.close());
  const c = await b.connect(4);
  c.sendHex('041800180000000100000000000000000000000000000000');
  t.like(msgOf((await c.barrier())[0]!), { role: 'equal', generationId: 0xffffffffffffffffn });
  c.sendHex('041800180000000200000003000000000000000000000007');
  c.sendHex('041800180000000300000000000000000000000000000000');
  c.sendHex('041800180000000400000001000000000000000000000002'); // EQUAL: generation id neither checked nor stored
  c.sendHex('041800180000000500000000000000000000000000000000');
  const got = (await c.barrier()).map(msgOf);
  t.like(got[0], { role: 'secondary', generationId: 7n });
  t.like(got[1], { role: 'secondary', generationId: 7n });
  t.like(got[2], { role: 'equal', generationId: 7n });
  t.like(got[3], { role: 'equal', generationId: 7n });
});

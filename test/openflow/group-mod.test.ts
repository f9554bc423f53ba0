import test from 'ava';
import fc from 'fast-check';
import { decode, encode } from '../../src/openflow/codec.js';
import { type GroupModMsg, OFPG_ANY } from '../../src/openflow/group-mod.js';
import { formatMessage } from '../../src/openflow/printer.js';
import { codecErrorOf, decodeErrorOf, roundTripHex, sameNeutral } from '../support/codec-assert.js';
import { actionsArb, portArb, u16, u32 } from '../support/flow-arbitraries.js';
import { hasOvsOfctl, ofpPrint } from '../support/ofp-peers.js';

const withOvs = hasOvsOfctl ? test : test.skip;

// What `ovs-ofctl add-group` / `del-groups` sent to a stand-in switch (xid 2):
/** -O OpenFlow13: group_id=1,type=select,bucket=weight:10,actions=output:1,bucket=weight:20,actions=output:2 */
const GM_SELECT = '040f005000000002' + '0000' + '01' + '00' + '00000001' +
  '0020' + '000a' + 'ffffffff' + 'ffffffff' + '00000000' + '0000001000000001' + '0000000000000000' +
  '0020' + '0014' + 'ffffffff' + 'ffffffff' + '00000000' + '0000001000000002' + '0000000000000000';
/** -O OpenFlow13: group_id=2,type=ff,bucket=watch_port:1,actions=output:1,bucket=watch_port:2,watch_group:1,actions=output:2 */
const GM_FF = '040f005000000002' + '0000' + '03' + '00' + '00000002' +
  '0020' + '0000' + '00000001' + 'ffffffff' + '00000000' + '0000001000000001' + '0000000000000000' +
  '0020' + '0000' + '00000002' + '00000001' + '00000000' + '0000001000000002' + '0000000000000000';
/** -O OpenFlow14: del-groups group_id=2 */
const GM_DEL = '050f001000000002' + '0002' + '00' + '00' + '00000002';

test('GROUP_MOD from ovs-ofctl: select buckets with weights', (t) => {
  const m = roundTripHex(t, GM_SELECT) as GroupModMsg;
  t.like(m, { type: 'group_mod', version: 4, xid: 2, command: 'add', groupType: 'select', groupId: 1 });
  t.deepEqual(m.buckets, [
    { weight: 10, watchPort: 0xffffffff, watchGroup: OFPG_ANY, actions: [{ type: 'output', port: 1, maxLen: 0 }] },
    { weight: 20, watchPort: 0xffffffff, watchGroup: OFPG_ANY, actions: [{ type: 'output', port: 2, maxLen: 0 }] },
  ]);
});

test('GROUP_MOD from ovs-ofctl: fast-failover watch port and group; delete without buckets', (t) => {
  const m = roundTripHex(t, GM_FF) as GroupModMsg;
  t.like(m, { groupType: 'ff', groupId: 2 });
  t.like(m.buckets[1], { weight: 0, watchPort: 2, watchGroup: 1 });
  t.like(roundTripHex(t, GM_DEL), { version: 5, command: 'delete', groupType: 'all', groupId: 2, buckets: [] });
});

test('a GROUP_MOD os-ken builds round-trips byte for byte', (t) => {
  // OFPGroupMod(ADD, ALL, 5, [Bucket(0, ANY, ANY, [Output(1)]), Bucket(0, ANY, ANY, [Output(2)])])
  const m = roundTripHex(t, '040f005000000005000000000000000500200000ffffffffffffffff000000000000001000000001000000000000000000200000ffffffffffffffff0000000000000010000000020000000000000000') as GroupModMsg;
  t.like(m, { command: 'add', groupType: 'all', groupId: 5 });
  t.is(m.buckets.length, 2);
});

test('GROUP_MOD has one layout in OF1.2-1.4; unknown commands and types are kept as numbers', (t) => {
  const m = decode(Buffer.from(GM_SELECT, 'hex'));
  t.is(encode(m, 3).toString('hex'), '03' + GM_SELECT.slice(2));
  t.is(encode(m, 5).toString('hex'), '05' + GM_SELECT.slice(2));
  t.like(roundTripHex(t, '040f001000000002' + '0007' + '09' + '00' + 'fffffffc'), { command: 7, groupType: 9, groupId: 0xfffffffc });
});

test('GROUP_MOD is refused where it is not modelled: OF1.0 (no groups), OF1.1, OF1.5', (t) => {
  const m = decode(Buffer.from(GM_SELECT, 'hex'));
  for (const v of [1, 2, 6]) t.is(codecErrorOf(t, () => encode(m, v)), 'OFPBRC_BAD_VERSION');
  t.is(decodeErrorOf(t, '02' + GM_SELECT.slice(2)), 'OFPBRC_BAD_VERSION');
  t.is(decodeErrorOf(t, '06' + GM_SELECT.slice(2)), 'OFPBRC_BAD_VERSION');
  t.is(codecErrorOf(t, () => encode({ ...(m as GroupModMsg), groupType: 256 })), 'OFPGMFC_BAD_TYPE');
  t.is(codecErrorOf(t, () => encode({ ...(m as GroupModMsg), command: -1 })), 'OFPGMFC_BAD_COMMAND');
});

test('§2.9 malformed GROUP_MOD buckets are OFPGMFC_BAD_BUCKET; bad actions inside OFPBAC_*', (t) => {
  const head = (len: number) => `040f${len.toString(16).padStart(4, '0')}00000002` + '00000100' + '00000001';
  // Bucket length below its 16-byte header.
  t.is(decodeErrorOf(t, head(32) + '0008000affffffffffffffff00000000'), 'OFPGMFC_BAD_BUCKET');
  // Bucket length past the end.
  t.is(decodeErrorOf(t, head(32) + '0030000affffffffffffffff00000000'), 'OFPGMFC_BAD_BUCKET');
  // Bytes after the last bucket that cannot be a bucket.
  t.is(decodeErrorOf(t, head(24) + '0000000000000000'), 'OFPGMFC_BAD_BUCKET');
  // An action of length 12 inside a bucket.
  t.is(decodeErrorOf(t, head(48) + '0020000affffffffffffffff00000000' + '0000000c00000001' + '0000000000000000'), 'OFPBAC_BAD_LEN');
  t.is(decodeErrorOf(t, '040f000c0000000200000100'), 'OFPBRC_BAD_LEN');
});

withOvs('ovs-ofctl reads our GROUP_MODs as we meant them, and our printer says the same', (t) => {
  const m: GroupModMsg = {
    type: 'group_mod', version: 4, xid: 3, command: 'modify', groupType: 'ff', groupId: 12,
    buckets: [
      { weight: 0, watchPort: 3, watchGroup: OFPG_ANY, actions: [{ type: 'output', port: 3, maxLen: 0 }] },
      { weight: 0, watchPort: 0xffffffff, watchGroup: 7, actions: [{ type: 'group', groupId: 7 }] },
    ],
  };
  const body = 'MOD group_id=12,type=ff,bucket=watch_port:3,actions=output:3,bucket=watch_group:7,actions=group:7';
  for (const v of [3, 4, 5]) {
    const out = ofpPrint(encode(m, v)).trimEnd().split('\n');
    t.deepEqual(out, [`OFPT_GROUP_MOD (OF1.${v - 1}) (xid=0x3):`, ` ${body}`]);
    t.is(formatMessage(decode(encode(m, v))), `OFPT_GROUP_MOD (OF1.${v - 1}) (xid=0x3): ${body}`);
  }
});

test('property: a neutral GROUP_MOD encodes and decodes back to itself in OF1.2-1.4', (t) => {
  const arb: fc.Arbitrary<GroupModMsg> = fc.constantFrom(3, 4, 5).chain((version) => fc.record({
    type: fc.constant('group_mod' as const),
    version: fc.constant(version),
    xid: u32,
    command: fc.oneof(fc.constantFrom('add' as const, 'modify' as const, 'delete' as const), fc.integer({ min: 3, max: 0xffff })),
    groupType: fc.oneof(fc.constantFrom('all' as const, 'select' as const, 'indirect' as const, 'ff' as const), fc.integer({ min: 4, max: 255 })),
    groupId: u32,
    buckets: fc.array(fc.record({ weight: u16, watchPort: portArb, watchGroup: u32, actions: actionsArb(version) }), { maxLength: 4 }),
  }));
  fc.assert(fc.property(arb, (m) => sameNeutral(decode(encode(m)), m)), { numRuns: 300 });
  t.pass();
});

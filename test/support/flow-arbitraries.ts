/**
 * fast-check generators of the neutral parts flow messages share: matches,
 * action lists and instruction lists that a given wire form can express
 * and that decode back exactly as generated (canonical field order for
 * OF1.0's fixed match, no masks that a wire form would drop, actions that
 * need no conversion in the version).
 */

import fc from 'fast-check';
import type { Action } from '../../src/openflow/actions.js';
import type { Instruction } from '../../src/openflow/instructions.js';
import type { Match, MatchField } from '../../src/openflow/match.js';

const u32 = fc.nat(0xffffffff);
const u16 = fc.nat(0xffff);
const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':'));

/** Port numbers every version can carry: ordinary 16-bit ones and the reserved range. */
export const portArb = fc.oneof(fc.integer({ min: 1, max: 0xfeff }), fc.integer({ min: 0xfffffff8, max: 0xffffffff }));

/** A 32-bit value and a mask covering it that is neither empty nor all ones. */
const masked32 = fc.integer({ min: 1, max: 0xfffffffe }).chain((mask) => u32.map((v) => ({ value: (v & mask) >>> 0, mask })));

/**
 * One field for OXM and NXM matches (both forms carry each of these the
 * same way), built from 'key'.
 */
const oxmFieldArbs: Record<string, fc.Arbitrary<MatchField>> = {
  in_port: portArb.map((value) => ({ field: 'in_port', value })),
  eth_dst: mac.map((value) => ({ field: 'eth_dst', value })),
  eth_src: mac.map((value) => ({ field: 'eth_src', value })),
  eth_type: u16.map((value) => ({ field: 'eth_type', value })),
  reg0: u32.map((value) => ({ field: 'reg0', value })),
  reg1: masked32.map(({ value, mask }) => ({ field: 'reg1', value, mask })),
  tun_id: u64.map((value) => ({ field: 'tun_id', value })),
  pkt_mark: u32.map((value) => ({ field: 'pkt_mark', value })),
};

/** A match of distinct fields, in any order, that OXM and NXM both express. */
export const oxmMatchArb: fc.Arbitrary<Match> = fc
  .shuffledSubarray(Object.keys(oxmFieldArbs))
  .chain((keys): fc.Arbitrary<Match> => (keys.length ? fc.tuple(...keys.map((k) => oxmFieldArbs[k]!)) : fc.constant([])));

/** A match OpenFlow 1.0's ofp_match expresses, in the order decodeOfp10Match gives. */
export const of10MatchArb: fc.Arbitrary<Match> = fc
  .record({
    inPort: fc.option(portArb.filter((p) => p !== 0xffffffff), { nil: undefined }),
    ethSrc: fc.option(mac, { nil: undefined }),
    ethDst: fc.option(mac, { nil: undefined }),
    ethType: fc.option(fc.constantFrom(0x0800, 0x86dd, 0x88cc), { nil: undefined }),
  })
  .map(({ inPort, ethSrc, ethDst, ethType }) => {
    const m: MatchField[] = [];
    if (inPort !== undefined) m.push({ field: 'in_port', value: inPort });
    if (ethSrc !== undefined) m.push({ field: 'eth_src', value: ethSrc });
    if (ethDst !== undefined) m.push({ field: 'eth_dst', value: ethDst });
    if (ethType !== undefined) m.push({ field: 'eth_type', value: ethType });
    return m;
  });

const outputArb: fc.Arbitrary<Action> = fc.record({ type: fc.constant('output' as const), port: portArb, maxLen: u16 });
const controllerArb: fc.Arbitrary<Action> = fc.record({
  type: fc.constant('controller' as const), maxLen: u16, controllerId: u16, reason: fc.nat(5),
});

/** An action list 'version' expresses natively (no conversion on encode). */
export function actionsArb(version: number): fc.Arbitrary<Action[]> {
  const common = [outputArb, controllerArb, fc.constant<Action>({ type: 'dec_nw_ttl' })];
  const own: fc.Arbitrary<Action>[] = version === 1
    ? [
      mac.map((m): Action => ({ type: 'set_dl_src', mac: m })),
      fc.record({ type: fc.constant('enqueue' as const), port: fc.integer({ min: 1, max: 0xfeff }), queueId: u32 }),
    ]
    : [
      fc.nat(0xffffff00).map((groupId): Action => ({ type: 'group', groupId })),
      fc.constant<Action>({ type: 'push_vlan', ethertype: 0x8100 }),
      fc.constant<Action>({ type: 'pop_vlan' }),
      u32.map((queueId): Action => ({ type: 'set_queue', queueId })),
      mac.map((value): Action => ({ type: 'set_field', field: { field: 'eth_src', value } })),
    ];
  return fc.array(fc.oneof(...common, ...own), { maxLength: 4 });
}

/** An instruction list for 'version' (OF1.2+), each type at most once, in the order OpenFlow executes them. */
export function instructionsArb(version: number): fc.Arbitrary<Instruction[]> {
  return fc
    .record({
      meter: version === 4 || version === 5 ? fc.option(fc.integer({ min: 1, max: 0xffff0000 }), { nil: undefined }) : fc.constant(undefined),
      apply: fc.option(actionsArb(version), { nil: undefined }),
      clear: fc.boolean(),
      write: fc.option(actionsArb(version), { nil: undefined }),
      metadata: fc.option(fc.tuple(u64, u64), { nil: undefined }),
      gotoTable: fc.option(fc.nat(254), { nil: undefined }),
    })
    .map(({ meter, apply, clear, write, metadata, gotoTable }) => {
      const ins: Instruction[] = [];
      if (meter !== undefined) ins.push({ type: 'meter', meterId: meter });
      if (apply !== undefined) ins.push({ type: 'apply_actions', actions: apply });
      if (clear) ins.push({ type: 'clear_actions' });
      if (write !== undefined) ins.push({ type: 'write_actions', actions: write });
      if (metadata !== undefined) ins.push({ type: 'write_metadata', metadata: metadata[0], mask: metadata[1] });
      if (gotoTable !== undefined) ins.push({ type: 'goto_table', tableId: gotoTable });
      return ins;
    });
}

export { u16, u32, u64 };

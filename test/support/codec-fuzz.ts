/**
 * The codec fuzzer's engine: makes random and mutated OpenFlow byte
 * streams from the golden corpus and the message table, runs each through
 * FrameDecoder and decode(), re-encodes what decodes, and reports anything
 * that escapes other than OfpCodecError.  Case i of seed s is a pure
 * function of (s, i), so any failure replays alone.  It runs in-process;
 * fuzz-worker.ts runs it in a child process and fuzz-supervisor.ts spreads
 * ranges of cases over such children and catches hangs.
 */

import { OfpCodecError } from '../../src/openflow/codec-error.js';
import { decode, encode } from '../../src/openflow/codec.js';
import { FrameDecoder } from '../../src/openflow/framing.js';
import { RAW_MSGS } from '../../src/openflow/msgs.js';
import type { OfpMessage } from '../../src/openflow/ofp-message.js';
import { fixtureBytes, loadGoldenCorpus } from './osken-corpus.js';

/** A deterministic 32-bit generator (mulberry32) seeded per case. */
export class CaseRandom {
  private state: number;

  /** The generator of case 'index' under campaign 'seed'. */
  constructor(seed: number, index: number) {
    // Mix seed and index (splitmix-style) so that neighbouring cases differ.
    let s = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** A uniform 32-bit unsigned value. */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : this.u32() % n;
  }

  /** True with probability 1/n. */
  oneIn(n: number): boolean {
    return this.below(n) === 0;
  }

  /** 'n' random bytes. */
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() & 0xff;
    return b;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}

/** Values that tend to break length and count fields. */
const INTERESTING_16 = [0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 24, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfff8, 0xfffe, 0xffff];
const INTERESTING_8 = [0, 1, 2, 4, 7, 8, 0x10, 0x7f, 0x80, 0xfe, 0xff];

/** The byte streams mutations start from. */
export interface FuzzSeeds {
  /** Whole messages: the golden corpus, accepted and excluded. */
  readonly messages: readonly Buffer[];
  /** Every known wire identity: version, header type and the vendor or stats prefix that names it. */
  readonly identities: readonly Buffer[];
}

/** The seeds: the corpus (with the messages its generator excluded) and every msgs.ts identity. */
export function loadFuzzSeeds(): FuzzSeeds {
  const corpus = loadGoldenCorpus();
  const messages = [...corpus.fixtures.map(fixtureBytes), ...corpus.excluded.map(fixtureBytes)];
  const identities: Buffer[] = [];
  for (const raw of RAW_MSGS) {
    for (let v = raw.minVersion; v <= raw.maxVersion; v++) {
      const head = Buffer.from([v, raw.type, 0, 0, 0, 0, 0, 0]);
      if (raw.shape === 'vendor') {
        const p = Buffer.alloc(8);
        p.writeUInt32BE(raw.vendor!, 0);
        p.writeUInt32BE(raw.subtype!, 4);
        identities.push(Buffer.concat([head, p]));
      } else if (raw.shape === 'stats') {
        const p = Buffer.alloc(v === 1 ? 4 : 8);
        p.writeUInt16BE(raw.stat!, 0);
        identities.push(Buffer.concat([head, p]));
      } else {
        identities.push(head);
      }
    }
  }
  return { messages, identities };
}

/** Sets the header length of 'b' to its size (when it fits), so decode() reaches the body. */
function fixLength(b: Buffer): Buffer {
  if (b.length >= 4) b.writeUInt16BE(Math.min(b.length, 0xffff), 2);
  return b.length > 0xffff ? b.subarray(0, 0xffff) : b;
}

/** Small in-place damage: bit flips, interesting bytes and 16-bit words, random bytes. */
function damage(r: CaseRandom, b: Buffer, from: number): void {
  if (b.length <= from) return;
  const n = 1 + r.below(r.oneIn(4) ? 16 : 4);
  for (let k = 0; k < n; k++) {
    const at = from + r.below(b.length - from);
    switch (r.below(4)) {
      case 0:
        b[at]! ^= 1 << r.below(8);
        break;
      case 1:
        b[at] = r.pick(INTERESTING_8);
        break;
      case 2:
        if (at + 1 < b.length) b.writeUInt16BE(r.pick(INTERESTING_16), at);
        break;
      default:
        b[at] = r.u32() & 0xff;
    }
  }
}

/** The strategies, for the statistics. */
export const STRATEGIES = [
  'mutate', 'truncate', 'extend', 'length-lie', 'retype', 'identity-random-body', 'random', 'splice', 'stream',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Case 'index' of campaign 'seed': the strategy used and the bytes it made (a stream of one or more frames). */
export function makeCase(seeds: FuzzSeeds, seed: number, index: number): { strategy: Strategy; bytes: Buffer } {
  const r = new CaseRandom(seed, index);
  const msg = (): Buffer => Buffer.from(r.pick(seeds.messages));
  const roll = r.below(100);
  if (roll < 34) {
    const b = msg();
    damage(r, b, r.oneIn(8) ? 0 : 8);
    return { strategy: 'mutate', bytes: r.oneIn(4) ? b : fixLength(b) };
  }
  if (roll < 44) {
    const b = msg();
    return { strategy: 'truncate', bytes: fixLength(b.subarray(0, r.below(b.length + 1))) };
  }
  if (roll < 52) {
    const b = Buffer.concat([msg(), r.bytes(1 + r.below(r.oneIn(8) ? 300 : 24))]);
    if (r.oneIn(2)) damage(r, b, 8);
    return { strategy: 'extend', bytes: fixLength(b) };
  }
  if (roll < 60) {
    const b = msg();
    if (b.length >= 4) b.writeUInt16BE(r.oneIn(3) ? r.pick(INTERESTING_16) : r.below(b.length + 64), 2);
    return { strategy: 'length-lie', bytes: b };
  }
  if (roll < 68) {
    const b = msg();
    if (b.length >= 2) {
      if (r.oneIn(2)) b[0] = r.oneIn(4) ? r.u32() & 0xff : 1 + r.below(6);
      if (r.oneIn(2)) b[1] = r.oneIn(4) ? r.u32() & 0xff : r.below(36);
    }
    if (r.oneIn(3)) damage(r, b, 8);
    return { strategy: 'retype', bytes: fixLength(b) };
  }
  if (roll < 82) {
    const head = Buffer.from(r.pick(seeds.identities));
    head.writeUInt32BE(r.u32(), 4);
    const body = r.oneIn(2) ? r.bytes(r.below(r.oneIn(6) ? 512 : 64)) : Buffer.alloc(r.below(64));
    if (body.length > 0 && r.oneIn(2)) damage(r, body, 0);
    return { strategy: 'identity-random-body', bytes: fixLength(Buffer.concat([head, body])) };
  }
  if (roll < 88) {
    const b = r.bytes(r.below(r.oneIn(4) ? 600 : 40));
    if (b.length >= 2 && r.oneIn(2)) b[0] = 1 + r.below(6);
    return { strategy: 'random', bytes: r.oneIn(2) ? fixLength(b) : b };
  }
  if (roll < 95) {
    const a = msg();
    const c = msg();
    const b = Buffer.concat([a.subarray(0, 8 + r.below(Math.max(1, a.length - 7))), c.subarray(r.below(c.length + 1))]);
    return { strategy: 'splice', bytes: fixLength(b) };
  }
  // Several whole messages, one of them damaged: the stream survives or fails as a whole.
  const parts: Buffer[] = [];
  const n = 2 + r.below(4);
  for (let k = 0; k < n; k++) parts.push(msg());
  const victim = parts[r.below(n)]!;
  damage(r, victim, r.oneIn(3) ? 0 : 8);
  return { strategy: 'stream', bytes: Buffer.concat(parts) };
}

/** Something other than OfpCodecError escaped, or an invariant broke. */
export interface FuzzFailure {
  readonly seed: number;
  readonly index: number;
  readonly strategy: Strategy;
  /** Where: 'framing', 'decode', 'encode', 'encode-other-version', 'redecode', 'stability', 'invariant'. */
  readonly stage: string;
  /** The case's bytes (the whole stream) and the frame being processed, in hex. */
  readonly streamHex: string;
  readonly frameHex: string;
  readonly error: string;
}

/** Counters of one run. */
export interface FuzzStats {
  cases: number;
  frames: number;
  decoded: number;
  framingErrors: number;
  /** decode() refusals by OpenFlow error name. */
  rejected: Record<string, number>;
  /** Decoded messages by neutral type. */
  decodedByType: Record<string, number>;
  encodeRefusals: number;
  byStrategy: Record<string, number>;
}

/** Empty counters. */
export function newStats(): FuzzStats {
  return { cases: 0, frames: 0, decoded: 0, framingErrors: 0, rejected: {}, decodedByType: {}, encodeRefusals: 0, byStrategy: {} };
}

/** Adds 'b' into 'a'. */
export function addStats(a: FuzzStats, b: FuzzStats): void {
  a.cases += b.cases;
  a.frames += b.frames;
  a.decoded += b.decoded;
  a.framingErrors += b.framingErrors;
  a.encodeRefusals += b.encodeRefusals;
  for (const [k, v] of Object.entries(b.rejected)) a.rejected[k] = (a.rejected[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.decodedByType)) a.decodedByType[k] = (a.decodedByType[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.byStrategy)) a.byStrategy[k] = (a.byStrategy[k] ?? 0) + v;
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return `non-Error thrown: ${String(e)}`;
}

/** Splits 'bytes' into 1 to 3 chunks at random points. */
function chunks(r: CaseRandom, bytes: Buffer): Buffer[] {
  const n = 1 + r.below(3);
  const cuts = [0];
  for (let k = 1; k < n; k++) cuts.push(r.below(bytes.length + 1));
  cuts.push(bytes.length);
  cuts.sort((a, b) => a - b);
  const out: Buffer[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) out.push(bytes.subarray(cuts[k]!, cuts[k + 1]!));
  return out;
}

/**
 * Runs one case: feeds its bytes in random chunks to a FrameDecoder,
 * decodes every frame, re-encodes every message in its own and in one
 * other version, and decodes our own output again.  Calls 'fail' for
 * anything other than OfpCodecError that escapes and for broken
 * invariants (frames whose length field disagrees with their size,
 * messages whose version or xid is not their header's, output of ours
 * that does not read back, re-encoding that is not a fixed point).
 */
export function runCase(seeds: FuzzSeeds, seed: number, index: number, stats: FuzzStats, fail: (f: FuzzFailure) => void): void {
  const { strategy, bytes } = makeCase(seeds, seed, index);
  const r = new CaseRandom(seed ^ 0x5bd1e995, index);
  stats.cases++;
  stats.byStrategy[strategy] = (stats.byStrategy[strategy] ?? 0) + 1;
  const streamHex = (): string => bytes.toString('hex');
  const report = (stage: string, frame: Uint8Array, error: string): void =>
    fail({ seed, index, strategy, stage, streamHex: streamHex(), frameHex: Buffer.from(frame).toString('hex'), error });

  const framer = new FrameDecoder();
  const frames: Buffer[] = [];
  try {
    for (const c of chunks(r, bytes)) frames.push(...framer.push(c));
  } catch (e) {
    if (!OfpCodecError.is(e)) report('framing', bytes, describe(e));
    else stats.framingErrors++;
  }
  // The stream as whole frames also goes straight to decode(): it must
  // refuse a length that disagrees with the frame, not crash.
  if (frames.length === 0 || r.oneIn(8)) frames.push(bytes);

  for (const frame of frames) {
    stats.frames++;
    if (frame !== bytes && (frame.length < 8 || frame.readUInt16BE(2) !== frame.length)) {
      report('invariant', frame, 'FrameDecoder returned a frame whose length field disagrees with its size');
      continue;
    }
    let m: OfpMessage;
    try {
      m = decode(frame);
    } catch (e) {
      if (OfpCodecError.is(e)) stats.rejected[e.ofperr] = (stats.rejected[e.ofperr] ?? 0) + 1;
      else report('decode', frame, describe(e));
      continue;
    }
    stats.decoded++;
    stats.decodedByType[m.type] = (stats.decodedByType[m.type] ?? 0) + 1;
    if (m.version !== frame[0] || m.xid !== frame.readUInt32BE(4)) {
      report('invariant', frame, `decoded version ${m.version} xid ${m.xid} disagree with the header`);
    }
    let ours: Buffer | undefined;
    try {
      ours = encode(m);
    } catch (e) {
      if (OfpCodecError.is(e)) stats.encodeRefusals++;
      else report('encode', frame, describe(e));
    }
    const other = 1 + r.below(6);
    try {
      encode(m, other);
    } catch (e) {
      if (!OfpCodecError.is(e)) report('encode-other-version', frame, `version ${other}: ${describe(e)}`);
    }
    if (!ours) continue;
    try {
      const again = encode(decode(ours));
      if (!again.equals(ours)) {
        report('stability', frame, `encode(decode(ours)) differs from ours:\n  ours:  ${ours.toString('hex')}\n  again: ${again.toString('hex')}`);
      }
    } catch (e) {
      report('redecode', frame, `our own encoding ${ours.toString('hex')} does not read back: ${describe(e)}`);
    }
  }
}

/**
 * The golden corpus of test/openflow/corpus/osken-corpus.json, as the
 * golden, ovs-ofctl and robustness tests read it: messages that os-ken
 * built (or parsed) and ovs-ofctl accepted, each with os-ken's own view of
 * it.  generate.py (run by `make corpus`) writes the file; nothing here
 * needs os-ken.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One corpus message. */
export interface GoldenFixture {
  /** Unique, e.g. "of13/flow_mod/match_ipv4_src_masked". */
  readonly name: string;
  /** Wire version byte. */
  readonly version: number;
  readonly xid: number;
  /** The whole message, as lower-case hex. */
  readonly hex: string;
  /** 'osken-serialize' (os-ken built it) or 'packed' (generate.py packed it, os-ken parsed it). */
  readonly source: 'osken-serialize' | 'packed';
  /** True if os-ken's parser read these bytes back ('osken' is then the parsed view). */
  readonly oskenParsed: boolean;
  /**
   * os-ken's to_jsondict(): { ClassName: { field: value } }.  Integers
   * above 2^53-1 are decimal strings; byte strings are base64.
   */
  readonly osken: Record<string, Record<string, unknown>>;
}

/** A message the generator dropped because os-ken or ovs-ofctl would not take it. */
export interface ExcludedFixture {
  readonly name: string;
  readonly hex: string;
  readonly ofctl?: string;
  readonly osken?: string;
}

export interface GoldenCorpus {
  readonly osKenVersion: string;
  readonly ovsOfctlVersion: string;
  readonly count: number;
  readonly fixtures: readonly GoldenFixture[];
  readonly excluded: readonly ExcludedFixture[];
}

const CORPUS_PATH = fileURLToPath(new URL('../openflow/corpus/osken-corpus.json', import.meta.url));

let cached: GoldenCorpus | undefined;

/**
 * The corpus, read once per process.  Throws if the file is missing or its
 * fixture count disagrees with its header (a truncated or hand-edited file).
 */
export function loadGoldenCorpus(): GoldenCorpus {
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as GoldenCorpus;
  if (!Array.isArray(doc.fixtures) || doc.fixtures.length !== doc.count) {
    throw new Error(`${CORPUS_PATH}: expected ${doc.count} fixtures, found ${doc.fixtures?.length}`);
  }
  cached = doc;
  return doc;
}

/** The fixture's bytes. */
export function fixtureBytes(f: GoldenFixture | ExcludedFixture): Buffer {
  return Buffer.from(f.hex, 'hex');
}

/** os-ken's class name for the fixture (e.g. 'OFPPacketIn') and its fields. */
export function oskenView(f: GoldenFixture): { readonly cls: string; readonly fields: Record<string, unknown> } {
  const [cls, fields] = Object.entries(f.osken)[0]!;
  return { cls, fields };
}

/**
 * Where 'ours' first differs from 'theirs', in the words of Ryu's
 * test_parser ("differs at byte N"), or undefined if they are equal.
 */
export function firstDifference(ours: Uint8Array, theirs: Uint8Array): string | undefined {
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== theirs[i]) {
      const hex = (b: number | undefined): string => (b ?? 0).toString(16).padStart(2, '0');
      return `differs at byte ${i} (ours 0x${hex(ours[i])}, os-ken 0x${hex(theirs[i])}; ` +
        `lengths ${ours.length} and ${theirs.length})`;
    }
  }
  return ours.length === theirs.length ? undefined : `differs at byte ${n} (lengths ${ours.length} and ${theirs.length})`;
}

/**
 * OpenFlow errors by name, and their per-version wire encodings (reference
 * §9).  An error name such as 'OFPBRC_BAD_LEN' is version independent; the
 * catalogue in ofperr-table.ts says which (type, code) it has in each
 * version, or which Nicira/ONF vendor or experimenter code stands in where
 * the version has no standard number.  ERROR messages (error-msg.ts) and the
 * codec's own OfpCodecError both speak in these names.
 */

import { OFPERR_SPECS } from './ofperr-table.js';

/** Nicira's vendor id, NX_VENDOR_ID. */
export const NX_VENDOR_ID = 0x00002320;
/** The Open Networking Foundation's experimenter id, ONF_VENDOR_ID. */
export const ONF_VENDOR_ID = 0x4f4e4600;
/** OF1.0/1.1 error type for vendor errors (NXET_VENDOR). */
export const NXET_VENDOR = 0xb0c2;
/** OF1.2+ error type for experimenter errors (OFPET_EXPERIMENTER). */
export const OFPET_EXPERIMENTER = 0xffff;

/** A name from the catalogue, without the OFPERR_ prefix. */
export type OfpErrName = (typeof OFPERR_SPECS)[number][0];

/** How one error is written in one version. */
export type OfpErrEncoding =
  /** A standard (type, code) pair. */
  | { readonly form: 'standard'; readonly type: number; readonly code: number }
  /** OF1.0/1.1: type NXET_VENDOR, code 0, then vendor, type and code in the body. */
  | { readonly form: 'vendor'; readonly vendor: number; readonly type: number; readonly code: number }
  /** OF1.2+: type 0xffff, code = exp_type, then the experimenter id. */
  | { readonly form: 'experimenter'; readonly experimenter: number; readonly expType: number };

/** Old spellings that OVS's tools still print or accept. */
const ALIASES: Record<string, OfpErrName> = {
  OFPBRC_IS_SLAVE: 'OFPBRC_IS_SECONDARY',
};

/** name -> encoding per version (index = wire version). */
const ENCODINGS = new Map<string, Array<OfpErrEncoding | undefined>>();
/** "version:key" -> name, for decoding; first catalogue entry wins. */
const NAMES_BY_WIRE = new Map<string, OfpErrName>();

function wireKey(version: number, e: OfpErrEncoding): string {
  switch (e.form) {
    case 'standard':
      return `${version}:s:${e.type}:${e.code}`;
    case 'vendor':
      return `${version}:v:${e.vendor}:${e.type}:${e.code}`;
    case 'experimenter':
      return `${version}:x:${e.experimenter}:${e.expType}`;
  }
}

/** Parses one catalogue spec into per-version encodings. */
function parseSpec(spec: string): Array<OfpErrEncoding | undefined> {
  const out: Array<OfpErrEncoding | undefined> = [];
  const re = /(OF|NX|ONF)1\.(\d)(?:(\+)|-1\.(\d))?\((\d+)(?:,(\d+))?\)/g;
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    const [, family, lo, plus, hi, a, b] = m;
    const first = Number(lo) + 1;
    const last = plus ? 6 : hi !== undefined ? Number(hi) + 1 : first;
    for (let v = first; v <= last; v++) {
      let enc: OfpErrEncoding;
      if (family === 'OF') {
        enc = { form: 'standard', type: Number(a), code: Number(b) };
      } else if (b !== undefined) {
        enc = { form: 'vendor', vendor: family === 'NX' ? NX_VENDOR_ID : ONF_VENDOR_ID, type: Number(a), code: Number(b) };
      } else {
        enc = { form: 'experimenter', experimenter: family === 'NX' ? NX_VENDOR_ID : ONF_VENDOR_ID, expType: Number(a) };
      }
      out[v] = enc;
    }
  }
  return out;
}

for (const [name, spec] of OFPERR_SPECS) {
  const encs = parseSpec(spec);
  ENCODINGS.set(name, encs);
  encs.forEach((e, v) => {
    if (!e) return;
    const key = wireKey(v, e);
    if (!NAMES_BY_WIRE.has(key)) NAMES_BY_WIRE.set(key, name);
  });
}

/** Returns true if 's' names an error in the catalogue (aliases included). */
export function isOfpErrName(s: string): s is OfpErrName {
  return ENCODINGS.has(s) || s in ALIASES;
}

/** The catalogue name for 's', resolving old spellings; undefined if unknown. */
export function canonicalErrName(s: string): OfpErrName | undefined {
  const n = s.replace(/^OFPERR_/, '');
  if (n in ALIASES) return ALIASES[n];
  return ENCODINGS.has(n) ? (n as OfpErrName) : undefined;
}

/**
 * How error 'name' is written in wire 'version', or undefined when that
 * version has no encoding for it (the sender then uses
 * NXBRC_UNENCODABLE_ERROR, reference §9.2).  Unknown versions use OF1.0's.
 */
export function ofperrEncoding(name: OfpErrName, version: number): OfpErrEncoding | undefined {
  const encs = ENCODINGS.get(ALIASES[name] ?? name);
  if (!encs) return undefined;
  return encs[version >= 1 && version <= 6 ? version : 1];
}

/** The error name for a wire encoding in 'version', or undefined if none matches. */
export function ofperrFromWire(version: number, e: OfpErrEncoding): OfpErrName | undefined {
  return NAMES_BY_WIRE.get(wireKey(version, e));
}

/** Every name in the catalogue. */
export function allOfpErrNames(): OfpErrName[] {
  return OFPERR_SPECS.map(([n]) => n);
}

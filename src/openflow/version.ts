/**
 * OpenFlow protocol versions as they appear in the header's version byte,
 * and version sets as bitmaps (bit n = wire version n), as in HELLO's
 * version-bitmap element.
 */

export const OFP10 = 0x01;
export const OFP11 = 0x02;
export const OFP12 = 0x03;
export const OFP13 = 0x04;
export const OFP14 = 0x05;
export const OFP15 = 0x06;

/** A wire version byte this codec understands (1.0 through 1.5). */
export type OfpVersion = 1 | 2 | 3 | 4 | 5 | 6;

/** Every version this codec supports, as a bitmap: 0x7e. */
export const ALL_VERSIONS_BITMAP = 0x7e;

/** Returns true if 'v' is a wire version this codec understands. */
export function isKnownVersion(v: number): v is OfpVersion {
  return v >= OFP10 && v <= OFP15;
}

/** "1.0" for 0x01 ... "1.5" for 0x06, "0xNN" for anything else. */
export function versionName(v: number): string {
  return isKnownVersion(v) ? `1.${v - 1}` : `0x${v.toString(16).padStart(2, '0')}`;
}

/** Parses "OpenFlow13", "1.3", "of13" or "OF1.3" into a wire version; undefined if not one. */
export function parseVersionName(s: string): OfpVersion | undefined {
  const m = /^(?:openflow|of)?\s*1\.?([0-5])$/i.exec(s.trim());
  if (!m) return undefined;
  return (Number(m[1]) + 1) as OfpVersion;
}

/** The highest version in 'bitmap', or -1 if it is empty. */
export function highestVersion(bitmap: number): number {
  return bitmap === 0 ? -1 : 31 - Math.clz32(bitmap);
}

/** The versions set in 'bitmap', lowest first. */
export function versionsOf(bitmap: number): number[] {
  const out: number[] = [];
  for (let v = 0; v < 32; v++) if (bitmap & (1 << v)) out.push(v);
  return out;
}

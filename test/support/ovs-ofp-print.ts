/**
 * Runs Open vSwitch's own decoder, `ovs-ofctl ofp-print HEX`, on bytes we
 * encoded: an independent check that a real peer accepts them and reads the
 * values we meant.  Needs ovs-ofctl on PATH (`make setup` installs it).
 */

import { spawnSync } from 'node:child_process';

/**
 * What `ovs-ofctl ofp-print` printed for 'bytes' (stdout and stderr
 * together, trailing whitespace removed).  ovs-ofctl reports a message it
 * cannot decode in its output ("***decode error..." or a hex dump), which
 * the caller's assertions then see.  Throws if ovs-ofctl cannot be run.
 */
export function ovsOfpPrint(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
  const res = spawnSync('ovs-ofctl', ['ofp-print', hex], { encoding: 'utf8', timeout: 10_000 });
  if (res.error) throw res.error;
  return `${res.stdout}${res.stderr}`.trimEnd();
}

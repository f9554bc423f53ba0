/**
 * Open vSwitch's own decoder as an oracle: runs `ovs-ofctl ofp-print HEX`
 * on bytes we encoded and gives back what it printed, whitespace collapsed
 * so that its multi-line layouts compare with our one-line printer.
 */

import { spawnSync } from 'node:child_process';

/** What ovs-ofctl printed for one message. */
export interface OvsPrint {
  /** Standard output with every run of whitespace made one space, trimmed. */
  readonly text: string;
  /** True if ovs-ofctl reported a decode error or unused/truncated bytes. */
  readonly failed: boolean;
}

/**
 * Runs `ovs-ofctl ofp-print` on 'message' (bytes or hex).  Throws if
 * ovs-ofctl cannot be run (it is installed by `make setup`).
 */
export function ovsOfpPrint(message: Uint8Array | string): OvsPrint {
  const hex = typeof message === 'string' ? message : Buffer.from(message).toString('hex');
  const r = spawnSync('ovs-ofctl', ['ofp-print', hex], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`ovs-ofctl ofp-print ${hex} failed: ${r.error?.message ?? r.stderr}`);
  }
  const text = r.stdout.replace(/\s+/g, ' ').trim();
  return { text, failed: /\*\*\*/.test(text) };
}

/**
 * Our formatMessage() line made comparable with ovsOfpPrint().text:
 * ovs-ofctl leaves out "(OF1.0)" and ends a bodiless line with ':'.
 */
export function asOvsPrints(line: string): string {
  const s = line.replace(' (OF1.0)', '');
  return /\(xid=0x[0-9a-f]+\)$/.test(s) ? `${s}:` : s;
}

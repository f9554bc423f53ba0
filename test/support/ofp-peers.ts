// The independent judges of wire correctness, for tests: `ovs-ofctl
// ofp-print` on hand-wrapped messages, and os-ken's parsers run by the
// system Python.  Each helper says when its peer is missing, so a test can
// skip rather than pass vacuously.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True if `ovs-ofctl` is installed. */
export const hasOvsOfctl = ['/usr/bin/ovs-ofctl', '/usr/local/bin/ovs-ofctl'].some((p) => existsSync(p));

/** The output of `ovs-ofctl ofp-print HEX` (stdout and stderr). */
export function ofpPrint(msg: Uint8Array): string {
  return execFileSync('ovs-ofctl', ['ofp-print', Buffer.from(msg).toString('hex')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const PYTHON = '/usr/bin/python3';

/** True if the system Python can import os_ken. */
export const hasOsKen = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import os_ken'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs 'code' with the system Python and returns its stdout, trimmed. */
export function python(code: string): string {
  return execFileSync(PYTHON, ['-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function header(version: number, type: number, body: Uint8Array, xid = 0): Buffer {
  const h = Buffer.alloc(8);
  h[0] = version;
  h[1] = type;
  h.writeUInt16BE(8 + body.length, 2);
  h.writeUInt32BE(xid, 4);
  return Buffer.concat([h, body]);
}

/**
 * An OF1.2+ OFPT_FLOW_MOD (ADD, priority 0x8000, no buffer) carrying the
 * ofp_match bytes 'match' and the instruction bytes 'instructions'.
 */
export function oxmFlowMod(version: number, match: Uint8Array, instructions: Uint8Array = new Uint8Array(0)): Buffer {
  const fixed = Buffer.alloc(40);
  fixed.writeUInt16BE(0x8000, 22); // priority
  fixed.writeUInt32BE(0xffffffff, 24); // buffer_id
  fixed.writeUInt32BE(0xffffffff, 28); // out_port
  fixed.writeUInt32BE(0xffffffff, 32); // out_group
  return header(version, 14, Buffer.concat([fixed, match, instructions]));
}

/** An OF1.0 OFPT_FLOW_MOD (ADD, priority 0x8000) with the 40-byte 'match' and 'actions'. */
export function of10FlowMod(match: Uint8Array, actions: Uint8Array = new Uint8Array(0)): Buffer {
  const tail = Buffer.alloc(24);
  tail.writeUInt16BE(0x8000, 14); // priority
  tail.writeUInt32BE(0xffffffff, 16); // buffer_id
  tail.writeUInt16BE(0xffff, 20); // out_port NONE
  return header(1, 14, Buffer.concat([match, tail, actions]));
}

/** An OF1.0 NXT_FLOW_MOD (ADD, priority 0x8000) with NXM 'nxm' (unpadded) and 'actions'. */
export function nxtFlowMod(nxm: Uint8Array, actions: Uint8Array = new Uint8Array(0)): Buffer {
  const fixed = Buffer.alloc(40);
  fixed.writeUInt32BE(0x2320, 0);
  fixed.writeUInt32BE(13, 4); // NXT_FLOW_MOD
  fixed.writeUInt16BE(0x8000, 22); // priority
  fixed.writeUInt32BE(0xffffffff, 24); // buffer_id
  fixed.writeUInt16BE(0xffff, 28); // out_port
  fixed.writeUInt16BE(nxm.length, 32); // match_len
  const pad = Buffer.alloc((8 - (nxm.length % 8)) % 8);
  return header(1, 4, Buffer.concat([fixed, nxm, pad, actions]));
}

/** An OF1.0 OFPT_PACKET_OUT (no buffer, in_port NONE) with 'actions' and no data. */
export function of10PacketOut(actions: Uint8Array): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32BE(0xffffffff, 0);
  fixed.writeUInt16BE(0xffff, 4);
  fixed.writeUInt16BE(actions.length, 6);
  return header(1, 13, Buffer.concat([fixed, actions]));
}

/** An OF1.1+ OFPT_PACKET_OUT (no buffer, in_port CONTROLLER) with 'actions' and no data. */
export function oxmPacketOut(version: number, actions: Uint8Array): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32BE(0xffffffff, 0);
  fixed.writeUInt32BE(0xfffffffd, 4);
  fixed.writeUInt16BE(actions.length, 8);
  return header(version, 13, Buffer.concat([fixed, actions]));
}

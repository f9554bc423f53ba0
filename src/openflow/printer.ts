/**
 * One line of text per message, in the style of `ovs-ofctl ofp-print`:
 * the raw message name, the version, the xid, then the body's fields the
 * way ovs-ofctl names them.  For logs and the CLI; not parsed back.
 */

import { describeAsyncMessage } from './async-config.js';
import { rawNameFor } from './codec.js';
import { errorName } from './error-msg.js';
import { formatFlowMod } from './flow-mod.js';
import { formatFlowRemoved } from './flow-removed.js';
import { formatGroupMod } from './group-mod.js';
import type { HelloMsg } from './hello.js';
import { formatMultipartReply, formatMultipartRequest } from './multipart-printer.js';
import { formatMeterMod } from './meter-mod.js';
import { peerVersions } from './hello.js';
import type { OfpMessage } from './ofp-message.js';
import { formatPacketIn } from './packet-in.js';
import { formatPacketOut } from './packet-out.js';
import type { Port } from './port.js';
import { portName } from './port-number.js';
import { describeRoleMessage, describeRoleStatus } from './role.js';
import { flowFormatName, packetInFormatName } from './session-settings.js';
import { CAPABILITIES_10, CAPABILITIES_11 } from './switch-config.js';
import { formatTableMod } from './table-mod.js';
import { versionName } from './version.js';

/** Hex of 'b', two digits a byte, no separators. */
export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
}

/** "0x" and 'n' in hex. */
export function hex0x(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

/** The names of the bits set in 'bits' per 'names', plus any unnamed bits in hex. */
export function bitNames(bits: number, names: Record<number, string>): string {
  const out: string[] = [];
  let rest = bits >>> 0;
  for (const [bit, name] of Object.entries(names)) {
    const b = Number(bit);
    if (rest & b) {
      out.push(name);
      rest = (rest & ~b) >>> 0;
    }
  }
  if (rest) out.push(hex0x(rest));
  return out.join(' ');
}

const PORT_REASON = ['ADD', 'DELETE', 'MOD'];

function formatPort(p: Port, version: number): string {
  return `${portName(p.portNo, version)}(${p.name}): addr:${p.hwAddr} config:${hex0x(p.config)} state:${hex0x(p.state)}` +
    (p.curr ? ` curr:${hex0x(p.curr)}` : '') + (p.currSpeed ? ` speed:${p.currSpeed / 1000} Mbps` : '');
}

function formatHello(m: HelloMsg): string {
  const bm = peerVersions(m);
  const versions: string[] = [];
  for (let v = 0; v < 32; v++) if (bm & (1 << v)) versions.push(`0x${v.toString(16).padStart(2, '0')}`);
  return `version bitmap: ${versions.join(', ')}`;
}

/** The body part of the line for 'm' (after "NAME (OFx.y) (xid=...):"). */
function formatBody(m: OfpMessage): string {
  switch (m.type) {
    case 'hello':
      return formatHello(m);
    case 'error': {
      const data = m.error === 'OFPHFC_INCOMPATIBLE' || m.error === 'OFPHFC_EPERM'
        ? Buffer.from(m.data).toString('latin1')
        : `(${m.data.length} bytes of request)`;
      return `${errorName(m.error)} ${data}`;
    }
    case 'echo_request':
    case 'echo_reply':
      return `${m.data.length} bytes of payload`;
    case 'features_reply': {
      const caps = bitNames(m.capabilities, m.version === 1 ? CAPABILITIES_10 : CAPABILITIES_11);
      const ports = m.ports.map((p) => ` ${formatPort(p, m.version)}`).join(';');
      return `dpid:${m.datapathId.toString(16).padStart(16, '0')} n_tables:${m.nTables} n_buffers:${m.nBuffers}` +
        (m.version >= 4 ? ` auxiliary_id:${m.auxiliaryId}` : '') + ` capabilities: ${caps}${ports ? ';' + ports : ''}`;
    }
    case 'get_config_reply':
    case 'set_config': {
      const frags = ['normal', 'drop', 'reassemble', 'nx-match'][m.flags & 3];
      return `frags=${frags}${m.flags & 4 ? ' invalid_ttl_to_controller' : ''} miss_send_len=${m.missSendLen}`;
    }
    case 'port_status':
      return `${PORT_REASON[m.reason] ?? `reason=${m.reason}`}: ${formatPort(m.port, m.version)}`;
    case 'port_mod':
      return `port: ${portName(m.portNo, m.version)}: addr:${m.hwAddr} config: ${hex0x(m.config)} mask: ${hex0x(m.mask)} advertise: ${hex0x(m.advertise)}`;
    case 'role_request':
    case 'role_reply':
      return describeRoleMessage(m);
    case 'role_status':
      return describeRoleStatus(m);
    case 'set_async':
    case 'get_async_reply':
      return describeAsyncMessage(m);
    case 'set_flow_format':
      return `format=${flowFormatName(m.format)}`;
    case 'flow_mod_table_id':
      return m.enable ? 'enable' : 'disable';
    case 'set_packet_in_format':
      return `format=${packetInFormatName(m.format)}`;
    case 'set_controller_id':
      return `id=${m.controllerId}`;
    case 'multipart_request':
      return formatMultipartRequest(m);
    case 'multipart_reply':
      return formatMultipartReply(m);
    case 'packet_in':
      return formatPacketIn(m);
    case 'flow_removed':
      return formatFlowRemoved(m);
    case 'packet_out':
      return formatPacketOut(m);
    case 'flow_mod':
      return formatFlowMod(m);
    case 'group_mod':
      return formatGroupMod(m);
    case 'meter_mod':
      return formatMeterMod(m);
    case 'table_mod':
      return formatTableMod(m);
    case 'unmodelled':
      return `(${m.body.length} bytes of body not decoded)`;
    default:
      return '';
  }
}

/** The raw name 'm' has in its own version (e.g. OFPT_PACKET_IN, NXT_ROLE_REQUEST). */
function rawNameOf(m: OfpMessage): string {
  try {
    return rawNameFor(m);
  } catch {
    return m.type.toUpperCase();
  }
}

/** One line describing 'm', e.g. "OFPT_ECHO_REQUEST (OF1.3) (xid=0x1): 0 bytes of payload". */
export function formatMessage(m: OfpMessage): string {
  const body = formatBody(m);
  return `${rawNameOf(m)} (OF${versionName(m.version)}) (xid=${hex0x(m.xid)})${body ? ': ' + body : ''}`;
}

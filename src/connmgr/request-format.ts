/**
 * Wire formats a session's request chose that the datapath never sees:
 * a reply goes back in the format of the request it answers.  Today that
 * is the format of flow and aggregate statistics (OpenFlow 1.0's standard
 * OFPST_FLOW or Nicira's NXST_FLOW with NXM matches, flow-stats.ts, which
 * `ovs-ofctl -O OpenFlow10 dump-flows` asks in, reference §4.3.4): the
 * datapath gets one neutral statistics request and answers with neutral
 * entries, and ofconn.ts restores the format on the reply it encodes.
 * (A flow mod's format is not one of these: the datapath gets it.)
 */

import type { OfpMessage } from '../openflow/index.js';

/**
 * 'm' as the datapath knows it: a flow or aggregate statistics request
 * (or reply) without its format (the neutral request every format asks,
 * the neutral answer), anything else unchanged.
 */
export function forDatapath(m: OfpMessage): OfpMessage {
  if (m.type !== 'multipart_request' && m.type !== 'multipart_reply') return m;
  const b = m.body;
  if ((b.stat !== 'flow' && b.stat !== 'aggregate') || b.format === undefined) return m;
  return { ...m, body: withoutFormat(b) } as OfpMessage;
}

/**
 * 'reply', one of the datapath's answers to 'req', in the format 'req'
 * asked in: a flow or aggregate statistics reply to a request of the same
 * kind takes the request's format (NXST_FLOW for NXST_FLOW, the standard
 * reply for a standard request, whatever the datapath said).  Other
 * replies are returned unchanged.
 */
export function inRequestFormat(reply: OfpMessage, req: OfpMessage): OfpMessage {
  if (reply.type !== 'multipart_reply' || req.type !== 'multipart_request' || reply.body.stat !== req.body.stat) return reply;
  if (reply.body.stat !== 'flow' && reply.body.stat !== 'aggregate') return reply;
  const format = (req.body as { format?: 'nxm' }).format;
  if (reply.body.format === format) return reply;
  if (format !== undefined) return { ...reply, body: { ...reply.body, format } };
  return { ...reply, body: withoutFormat(reply.body) };
}

/** A copy of statistics body 'b' without its format key. */
function withoutFormat<T extends { readonly format?: 'nxm' }>(b: T): T {
  const copy: { format?: 'nxm' } = { ...b };
  delete copy.format;
  return copy as T;
}

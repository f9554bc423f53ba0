/**
 * Statistics requests on the agent channel: the neutral MULTIPART_REQUEST
 * of src/openflow/multipart.ts (every kind its MultipartRequestBody
 * models: desc, flow, aggregate, table, port, port_desc, queue, group,
 * group_desc, group_features, meter, meter_config, meter_features,
 * table_features) as the
 * proto's MultipartRequest, one oneof case per kind, and back.
 * datapath-message.ts carries it in a DatapathMessage; the answer is
 * multipart-reply.ts's.  The format a flow or aggregate request came in
 * (OpenFlow 1.0's NXST_FLOW, 'nxm') does not travel: connmgr gives the
 * datapath the neutral request and puts the reply back in that format.
 */

import type { FlowStatsRequest } from '../openflow/flow-stats.js';
import type { MultipartRequestBody, MultipartRequestMsg } from '../openflow/multipart.js';
import type { FlowStatsRequest as PbFlowStatsRequest, FlowStatsRequest__Output as PbFlowStatsRequestOut } from '../generated/ofconnmgr/v1/FlowStatsRequest.js';
import type { MultipartRequest as PbMultipartRequest, MultipartRequest__Output as PbMultipartRequestOut } from '../generated/ofconnmgr/v1/MultipartRequest.js';
import { AgentWireError, fieldPath } from './agent-wire-error.js';
import type { MessageStamp } from './datapath-message.js';
import { matchFromProto, matchToProto } from './match-field.js';
import { describe, required, uint64From, uint64ToProto, uintFrom } from './proto-scalars.js';
import { tableFeaturesFromProto, tableFeaturesToProto } from './table-features.js';

function flowRequestToProto(q: FlowStatsRequest<'flow' | 'aggregate'>): PbFlowStatsRequest {
  return {
    table_id: q.tableId, out_port: q.outPort, out_group: q.outGroup, cookie: uint64ToProto(q.cookie),
    cookie_mask: uint64ToProto(q.cookieMask), match: matchToProto(q.match),
  };
}

function flowRequestFromProto<S extends 'flow' | 'aggregate'>(stat: S, p: PbFlowStatsRequestOut, path: string): FlowStatsRequest<S> {
  const at = (k: string): string => fieldPath(path, k);
  return {
    stat, tableId: uintFrom(p.table_id, 8, at('table_id')), outPort: uintFrom(p.out_port, 32, at('out_port')),
    outGroup: uintFrom(p.out_group, 32, at('out_group')), cookie: uint64From(p.cookie, at('cookie')),
    cookieMask: uint64From(p.cookie_mask, at('cookie_mask')), match: matchFromProto(p.match, at('match')),
  };
}

/** A neutral request body as the proto's oneof case. */
function bodyToProto(b: MultipartRequestBody): PbMultipartRequest {
  switch (b.stat) {
    case 'desc': return { desc: {} };
    case 'flow': return { flow: flowRequestToProto(b) };
    case 'aggregate': return { aggregate: flowRequestToProto(b) };
    case 'table': return { table: {} };
    case 'port': return { port: { port_no: b.portNo } };
    case 'port_desc': return { port_desc: b.portNo === undefined ? {} : { port_no: b.portNo } };
    case 'queue': return { queue: { port_no: b.portNo, queue_id: b.queueId } };
    case 'group': return { group: { group_id: b.groupId } };
    case 'group_desc': return { group_desc: {} };
    case 'group_features': return { group_features: {} };
    case 'meter': return { meter: { meter_id: b.meterId } };
    case 'meter_config': return { meter_config: { meter_id: b.meterId } };
    case 'meter_features': return { meter_features: {} };
    case 'table_features': return { table_features: tableFeaturesToProto(b.entries) };
  }
}

/** A neutral MULTIPART_REQUEST as a proto MultipartRequest. */
export function multipartRequestToProto(m: MultipartRequestMsg): PbMultipartRequest {
  return { flags: m.flags, ...bodyToProto(m.body) };
}

/** The neutral body of the oneof case 'p.body' at 'path'. */
function bodyFromProto(p: PbMultipartRequestOut, path: string): MultipartRequestBody {
  const body = p.body;
  const at = fieldPath(path, body ?? '');
  switch (body) {
    case 'desc':
    case 'table':
    case 'group_desc':
    case 'group_features':
    case 'meter_features':
      return { stat: body };
    case 'flow': return flowRequestFromProto('flow', required(p.flow, at, 'the flow request'), at);
    case 'aggregate': return flowRequestFromProto('aggregate', required(p.aggregate, at, 'the aggregate request'), at);
    case 'port': return { stat: 'port', portNo: uintFrom(required(p.port, at, 'the port request').port_no, 32, fieldPath(at, 'port_no')) };
    case 'port_desc': {
      const portNo = p.port_desc?.port_no;
      return portNo === undefined || portNo === null ? { stat: 'port_desc' } : { stat: 'port_desc', portNo: uintFrom(portNo, 32, fieldPath(at, 'port_no')) };
    }
    case 'queue': {
      const q = required(p.queue, at, 'the queue request');
      return { stat: 'queue', portNo: uintFrom(q.port_no, 32, fieldPath(at, 'port_no')), queueId: uintFrom(q.queue_id, 32, fieldPath(at, 'queue_id')) };
    }
    case 'group': return { stat: 'group', groupId: uintFrom(required(p.group, at, 'the group request').group_id, 32, fieldPath(at, 'group_id')) };
    case 'meter':
    case 'meter_config':
      return { stat: body, meterId: uintFrom(required(p[body], at, `the ${body} request`).meter_id, 32, fieldPath(at, 'meter_id')) };
    case 'table_features': return { stat: 'table_features', entries: tableFeaturesFromProto(p.table_features, at) };
    case undefined:
      throw new AgentWireError(path, 'no statistics kind given (none of the MultipartRequest cases is set)');
    default:
      throw new AgentWireError(path, `unknown statistics kind ${describe(body)}`);
  }
}

/**
 * The neutral MULTIPART_REQUEST of proto 'p' at 'path', stamped with 's'.
 * Throws AgentWireError for flags beyond 16 bits, no kind given, a table
 * id beyond 8 bits, a 64-bit cookie that is not one, a match
 * match-field.ts refuses, or table features table-features.ts refuses.
 */
export function multipartRequestFromProto(p: PbMultipartRequestOut, path: string, s: MessageStamp): MultipartRequestMsg {
  const body = bodyFromProto(p, path);
  return { type: 'multipart_request', version: s.version, xid: s.xid, flags: uintFrom(p.flags, 16, fieldPath(path, 'flags')), body };
}

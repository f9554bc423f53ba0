/**
 * Which received messages suggest that the controller has admitted the
 * switch (reference §1.4.2).  A controller looking a switch over before
 * deciding to control it sends only handshake and inventory requests; any
 * other message means it has made up its mind.  The rconn's admission guess
 * (fsm.ts, §1.4.1) and through it fail-open depend on this.  Works on the
 * message names of the codec's table (src/openflow/msgs.ts).
 */

/** The messages a controller uses to examine a switch before admitting it. */
const EXAMINATION_MESSAGES: ReadonlySet<string> = new Set([
  'OFPT_HELLO',
  'OFPT_ERROR',
  'OFPT_ECHO_REQUEST',
  'OFPT_ECHO_REPLY',
  'OFPT_FEATURES_REQUEST',
  'OFPT_FEATURES_REPLY',
  'OFPT_GET_CONFIG_REQUEST',
  'OFPT_GET_CONFIG_REPLY',
  'OFPT_SET_CONFIG',
  'OFPT_QUEUE_GET_CONFIG_REQUEST',
  'OFPT_QUEUE_GET_CONFIG_REPLY',
  // OpenFlow 1.4 moved QUEUE_GET_CONFIG into a multipart message.
  'OFPMP_QUEUE_DESC_REQUEST',
  'OFPMP_QUEUE_DESC_REPLY',
  'OFPT_GET_ASYNC_REQUEST',
  'OFPT_GET_ASYNC_REPLY',
  'OFPMP_GROUP_REQUEST',
  'OFPMP_GROUP_REPLY',
  'OFPMP_GROUP_DESC_REQUEST',
  'OFPMP_GROUP_DESC_REPLY',
  'OFPMP_GROUP_FEATURES_REQUEST',
  'OFPMP_GROUP_FEATURES_REPLY',
  'OFPMP_TABLE_FEATURES_REQUEST',
  'OFPMP_TABLE_FEATURES_REPLY',
  'OFPMP_TABLE_DESC_REQUEST',
  'OFPMP_TABLE_DESC_REPLY',
]);

/**
 * Returns true if a received message called 'rawName' (the codec's name,
 * e.g. 'OFPT_FLOW_MOD', 'NXT_ROLE_REQUEST', from rawNameFor()) counts as
 * admission: every decodable message except those a controller uses to
 * examine a switch.  'OFPT_VENDOR', the name of a message from a vendor
 * the codec does not know, does not count: OVS cannot decode it either.
 * A message that failed to decode does not count; do not call this for it.
 */
export function isAdmissionMessage(rawName: string): boolean {
  return rawName !== 'OFPT_VENDOR' && !EXAMINATION_MESSAGES.has(rawName);
}

/** The examination messages' names, for tests and documentation. */
export function examinationMessageNames(): string[] {
  return [...EXAMINATION_MESSAGES];
}

// Reference §1.4: the admission guess.  Transcripts for the rule and the
// 30 s grace, and a check of which message kinds count (§1.4.2) against
// the codec's own message table.
import test from 'ava';
import { RAW_MSGS } from '../../src/openflow/msgs.js';
import { decode, rawNameFor } from '../../src/openflow/index.js';
import { examinationMessageNames, isAdmissionMessage } from '../../src/rconn/admission.js';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.4.1 §1.4.3 examination messages do not admit; the first other message does, and admission sticks', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    received OFPT_FEATURES_REQUEST
      delivered
    received OFPT_GET_CONFIG_REQUEST
      delivered
    received OFPT_SET_CONFIG
      delivered
    received OFPMP_TABLE_FEATURES_REQUEST
      delivered
    received undecodable
      delivered
    advance 2000
      t=3010
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 2, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 2
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    received OFPT_FLOW_MOD
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error none "", version 4, seqno 1
      sec_since_connect 2, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 3000
      t=6010
    received OFPT_ECHO_REQUEST
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error none "", version 4, seqno 1
      sec_since_connect 5, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.4.1 after 30 s connected, any message admits, even an ECHO_REQUEST', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    advance 29999
      t=31009
    received OFPT_ECHO_REQUEST
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 29, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 30
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 1
      t=31010
    received OFPT_ECHO_REQUEST
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error none "", version 4, seqno 1
      sec_since_connect 30, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.4.3 failure_duration counts from creation while never admitted, and from the last admission across reconnects', (t) => {
  checkTranscript(t, `
    advance 3000
      t=4000
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=4010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    advance 2000
      t=6010
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 2, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 5
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    received NXT_ROLE_REQUEST
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error none "", version 4, seqno 1
      sec_since_connect 2, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 4000
      t=10010
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EOF "End of file", version 4, seqno 2
      sec_since_connect 6, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 4
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    timeout
      advance 1000 ms, t=11010
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    advance 10
      t=11020
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error EOF "End of file", version 4, seqno 3
      sec_since_connect 0, sec_since_disconnect 1
      txqlen 0, monitors 0, failure_duration 5
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    received OFPT_HELLO
      delivered
    advance 1000
      t=12020
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error EOF "End of file", version 4, seqno 3
      sec_since_connect 1, sec_since_disconnect 2
      txqlen 0, monitors 0, failure_duration 6
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    received OFPT_BARRIER_REQUEST
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error EOF "End of file", version 4, seqno 3
      sec_since_connect 1, sec_since_disconnect 2
      txqlen 0, monitors 0, failure_duration 0
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.4.2 every examination message the reference lists is in the codec table and does not count', (t) => {
  const known = new Set(RAW_MSGS.map((r) => r.name));
  for (const name of examinationMessageNames()) {
    t.true(known.has(name), `${name} is a codec message name`);
    t.false(isAdmissionMessage(name), name);
  }
  // The reference's list, kind by kind, in the codec's names.
  t.deepEqual(examinationMessageNames().sort(), [
    'OFPMP_GROUP_DESC_REPLY', 'OFPMP_GROUP_DESC_REQUEST', 'OFPMP_GROUP_FEATURES_REPLY',
    'OFPMP_GROUP_FEATURES_REQUEST', 'OFPMP_GROUP_REPLY', 'OFPMP_GROUP_REQUEST',
    'OFPMP_QUEUE_DESC_REPLY', 'OFPMP_QUEUE_DESC_REQUEST', 'OFPMP_TABLE_DESC_REPLY',
    'OFPMP_TABLE_DESC_REQUEST', 'OFPMP_TABLE_FEATURES_REPLY', 'OFPMP_TABLE_FEATURES_REQUEST',
    'OFPT_ECHO_REPLY', 'OFPT_ECHO_REQUEST', 'OFPT_ERROR', 'OFPT_FEATURES_REPLY', 'OFPT_FEATURES_REQUEST',
    'OFPT_GET_ASYNC_REPLY', 'OFPT_GET_ASYNC_REQUEST', 'OFPT_GET_CONFIG_REPLY', 'OFPT_GET_CONFIG_REQUEST',
    'OFPT_HELLO', 'OFPT_QUEUE_GET_CONFIG_REPLY', 'OFPT_QUEUE_GET_CONFIG_REQUEST', 'OFPT_SET_CONFIG',
  ]);
});

test('§1.4.2 every other decodable kind counts as admission: mods, barrier, other stats, roles, NX extensions, bundles', (t) => {
  for (const name of [
    'OFPT_PACKET_OUT', 'OFPT_FLOW_MOD', 'OFPT_GROUP_MOD', 'OFPT_PORT_MOD', 'OFPT_TABLE_MOD', 'OFPT_METER_MOD',
    'OFPT_BARRIER_REQUEST', 'OFPT_BARRIER_REPLY', 'OFPST_FLOW_REQUEST', 'OFPMP_PORT_DESC_REQUEST',
    'OFPMP_METER_REQUEST', 'OFPT_ROLE_REQUEST', 'OFPT_ROLE_REPLY', 'OFPT_ROLE_STATUS', 'ONFT_ROLE_STATUS',
    'NXT_ROLE_REQUEST', 'NXT_SET_FLOW_FORMAT', 'NXT_SET_PACKET_IN_FORMAT', 'NXT_SET_CONTROLLER_ID',
    'OFPT_BUNDLE_CONTROL', 'ONFT_BUNDLE_ADD_MESSAGE', 'OFPT_SET_ASYNC', 'NXT_SET_ASYNC_CONFIG',
    'OFPT_PACKET_IN', 'OFPT_PORT_STATUS', 'OFPT_FLOW_REMOVED',
  ]) {
    t.true(isAdmissionMessage(name), name);
  }
});

test('§1.4.2 names come from the codec: decoded FEATURES_REQUEST and QUEUE_GET_CONFIG_REQUEST do not count, BARRIER_REQUEST does', (t) => {
  t.false(isAdmissionMessage(rawNameFor(decode(Buffer.from('0105000800000001', 'hex')))));
  t.true(isAdmissionMessage(rawNameFor(decode(Buffer.from('0414000800000002', 'hex')))));
  const queueConfig = rawNameFor(decode(Buffer.from('0114000c000000030000ffff', 'hex')));
  t.is(queueConfig, 'OFPT_QUEUE_GET_CONFIG_REQUEST');
  t.false(isAdmissionMessage(queueConfig));
});

test('§1.4.2 a message from a vendor the codec does not know does not count (OVS cannot decode it either)', (t) => {
  const m = decode(Buffer.from('010400100000000300001234aabbccdd', 'hex'));
  t.is(rawNameFor(m), 'OFPT_VENDOR');
  t.false(isAdmissionMessage(rawNameFor(m)));
});

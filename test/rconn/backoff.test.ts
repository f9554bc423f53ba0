// Transcripts for reference §1.2: what a disconnection records, the
// backoff sequence and its reset, quiet logging at the maximum, max_backoff
// changes, and unreliable connections ending for good.
import test from 'ava';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.2.3 §1.2.4 §1.2.5 a refusing peer is retried after 1, 2, 4, 8, 8 s; logging stops at the maximum', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 4 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (4000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      > close session 4
      in BACKOFF for 0 ms (8000 ms backoff)
    timeout
      advance 8000 ms, t=16000
    run
      ! (quiet) tcp:127.0.0.1:6653: connecting...
      > open session 5 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (8000 ms backoff)
    connect-failed ECONNREFUSED
      ! (quiet) tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 5
      in BACKOFF for 0 ms (8000 ms backoff)
    timeout
      advance 8000 ms, t=24000
    run
      ! (quiet) tcp:127.0.0.1:6653: connecting...
      > open session 6 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (8000 ms backoff)
    connect-failed ECONNREFUSED
      ! (quiet) tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 6
      in BACKOFF for 0 ms (8000 ms backoff)
    timeout
      advance 8000 ms, t=32000
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ECONNREFUSED "Connection refused", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect 8
      txqlen 0, monitors 0, failure_duration 31
      backoff 8000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.2.4 a session that lasted at least the backoff (from its attempt) resets the next wait to 1 s', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 4 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (4000 ms backoff)
    advance 100
      t=8100
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (4000 ms backoff)
    advance 3900
      t=12000
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 4
      in BACKOFF for 0 ms (1000 ms backoff)
  `);
});

test('§1.2.4 a session shorter than the backoff does not reset it: the wait keeps growing', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 4 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (4000 ms backoff)
    advance 100
      t=8100
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (4000 ms backoff)
    advance 3899
      t=11999
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      ! tcp:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      > close session 4
      in BACKOFF for 0 ms (8000 ms backoff)
  `);
});

test('§1.2.1 §1.2.8 each kind of failure is recorded as last_error; a requested disconnect records none', (t) => {
  checkTranscript(t, `
    open-error EAFNOSUPPORT
    connect tcp:[::1]:6653
      ! tcp:[::1]:6653: connecting...
      > open session 1 to tcp:[::1]:6653: Address family not supported by protocol
      ! tcp:[::1]:6653: connection failed (Address family not supported by protocol)
      ! tcp:[::1]:6653: waiting 1 seconds before reconnect
      in BACKOFF for 0 ms (1000 ms backoff)
    open-error none
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:[::1]:6653: connecting...
      > open session 2 to tcp:[::1]:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed EHOSTUNREACH
      ! tcp:[::1]:6653: connection failed (No route to host)
      ! tcp:[::1]:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:[::1]:6653: connecting...
      > open session 3 to tcp:[::1]:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNRESET
      ! tcp:[::1]:6653: connection failed (Connection reset by peer)
      ! tcp:[::1]:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! tcp:[::1]:6653: connecting...
      > open session 4 to tcp:[::1]:6653
      in CONNECTING for 0 ms (4000 ms backoff)
    advance 10
      t=8010
    connected 4
      ! tcp:[::1]:6653: connected
      in ACTIVE for 0 ms (4000 ms backoff)
    dropped EPROTO
      ! tcp:[::1]:6653: connection dropped (Protocol error)
      ! tcp:[::1]:6653: continuing to retry connections in the background but suppressing further logging
      > close session 4
      in BACKOFF for 0 ms (8000 ms backoff)
    timeout
      advance 8000 ms, t=16010
    run
      ! (quiet) tcp:[::1]:6653: connecting...
      > open session 5 to tcp:[::1]:6653
      in CONNECTING for 0 ms (8000 ms backoff)
    advance 10
      t=16020
    connected 4
      ! tcp:[::1]:6653: connected
      in ACTIVE for 0 ms (8000 ms backoff)
    reconnect
      ! tcp:[::1]:6653: disconnecting
      > close session 5
      in BACKOFF for 0 ms (8000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 4
      sec_since_connect 0, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 15
      backoff 8000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:[::1]:6653, target tcp:[::1]:6653
  `);
});

test('§1.2.2 a reliable disconnection records last_disconnected and discards the queue, decrementing its counters', (t) => {
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
    block
    send OFPT_PACKET_IN len=100 counter=pin
      send: ok
    send OFPT_PACKET_IN len=60 counter=pin
      send: ok
    send OFPT_BARRIER_REPLY counter=replies
      send: ok
    counter pin
      counter pin: 2 packets, 160 bytes
    counter replies
      counter replies: 1 packets, 8 bytes
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 3, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 2000
      t=3010
    dropped ECONNRESET
      ! tcp:127.0.0.1:6653: connection dropped (Connection reset by peer)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    counter pin
      counter pin: 0 packets, 0 bytes
    counter replies
      counter replies: 0 packets, 0 bytes
    stats
      queued 3, sent 0, discarded 3, overflow 0
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ECONNRESET "Connection reset by peer", version 4, seqno 2
      sec_since_connect 2, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 2
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.2.6 max_backoff 0 at creation means 8 s; a smaller maximum caps the sequence', (t) => {
  checkTranscript(t, `
    create max-backoff=0
      in VOID for 0 ms (0 ms backoff)
    status
      state VOID, connected false, alive false, reliable false, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name void, target void
    create max-backoff=2
      in VOID for 0 ms (0 ms backoff)
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! (quiet) tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! (quiet) tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 3
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=6000
    run
      ! (quiet) tcp:127.0.0.1:6653: connecting...
      > open session 4 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! (quiet) tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 4
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=8000
  `);
});

test('§1.2.6 set_max_backoff uses at least 1 s and cuts a longer current wait down to the new maximum', (t) => {
  checkTranscript(t, `
    create max-backoff=16
      in VOID for 0 ms (0 ms backoff)
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 4 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (4000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 8 seconds before reconnect
      > close session 4
      in BACKOFF for 0 ms (8000 ms backoff)
    timeout
      advance 8000 ms, t=16000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 5 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (8000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      > close session 5
      in BACKOFF for 0 ms (16000 ms backoff)
    advance 1000
      t=17000
    set-max-backoff 3
      in BACKOFF for 1000 ms (3000 ms backoff)
    timeout
      advance 2000 ms, t=19000
    run
      ! (quiet) tcp:127.0.0.1:6653: connecting...
      > open session 6 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (3000 ms backoff)
    set-max-backoff 0
    connect-failed ECONNREFUSED
      ! (quiet) tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 6
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=20000
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ECONNREFUSED "Connection refused", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect 1
      txqlen 0, monitors 0, failure_duration 19
      backoff 1000 ms, max_backoff 1 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.2.6 a maximum raised while backing off does not lengthen the current wait', (t) => {
  checkTranscript(t, `
    create max-backoff=2
      in VOID for 0 ms (0 ms backoff)
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    set-max-backoff 60
    timeout
      advance 2000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    connect-failed ECONNREFUSED
      ! tcp:127.0.0.1:6653: connection failed (Connection refused)
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
  `);
});

test('§1.2.7 an unreliable connection that ends is DISCONNECTED: last_disconnected set, no backoff, no redial', (t) => {
  checkTranscript(t, `
    accept tcp:127.0.0.1:40123
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 1
      ! tcp:127.0.0.1:40123: connected
      in ACTIVE for 0 ms (0 ms backoff)
    advance 1500
      t=2510
    dropped EOF
      ! tcp:127.0.0.1:40123: connection closed by peer
      > close session 1
      in DISCONNECTED for 0 ms (0 ms backoff)
    status
      state DISCONNECTED, connected false, alive false, reliable false, admitted false
      last_error EOF "End of file", version 1, seqno 2
      sec_since_connect 1, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 1
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:40123, target tcp:127.0.0.1:40123
    timeout
      no timeout
    advance 60000
      t=62510
    run
    send OFPT_PACKET_IN
      send: ENOTCONN
  `);
});

test('§1.2.7 an unreliable connection keeps its unsent queue until destroyed, as OVS does', (t) => {
  checkTranscript(t, `
    accept tcp:127.0.0.1:40123
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:40123: connected
      in ACTIVE for 0 ms (0 ms backoff)
    block
    send OFPT_FLOW_REMOVED counter=async
      send: ok
    dropped ECONNRESET
      ! tcp:127.0.0.1:40123: connection dropped (Connection reset by peer)
      > close session 1
      in DISCONNECTED for 0 ms (0 ms backoff)
    counter async
      counter async: 1 packets, 8 bytes
    status
      state DISCONNECTED, connected false, alive false, reliable false, admitted false
      last_error ECONNRESET "Connection reset by peer", version 4, seqno 2
      sec_since_connect 0, sec_since_disconnect 0
      txqlen 1, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:40123, target tcp:127.0.0.1:40123
    destroy
      in VOID for 0 ms (0 ms backoff)
    counter async
      counter async: 0 packets, 0 bytes
  `);
});

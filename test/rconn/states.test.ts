// Transcripts for reference §1.1: the states, connecting reliably and
// unreliably, open failures, connect timeouts, peer closes, reconnect and
// disconnect, and the session guard against late reports.
import test from 'ava';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.1.2 a new rconn is VOID, named "void", never connected, version -1, and stays so', (t) => {
  checkTranscript(t, `
    status
      state VOID, connected false, alive false, reliable false, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name void, target void
    timeout
      no timeout
    advance 5000
      t=6000
    run
    status
      state VOID, connected false, alive false, reliable false, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 5
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name void, target void
  `);
});

test('§1.1.1 §1.1.3 §1.1.6 a reliable connect goes CONNECTING at once, then ACTIVE with the negotiated version', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    status
      state CONNECTING, connected false, alive true, reliable true, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    advance 40
      t=1040
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1.1 connected means ACTIVE or IDLE; alive means neither VOID nor DISCONNECTED', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 1
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 1, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    status
      state IDLE, connected true, alive true, reliable true, admitted false
      last_error none "", version 1, seqno 1
      sec_since_connect 5, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 5
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EOF "End of file", version 1, seqno 2
      sec_since_connect 5, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 5
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1.3 connecting again drops the current connection and its queue, resets the backoff, and dials at once', (t) => {
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
    advance 10
      t=2010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    block
    send OFPT_PACKET_IN counter=pin
      send: ok
    counter pin
      counter pin: 1 packets, 8 bytes
    connect tcp:127.0.0.1:6654
      ! tcp:127.0.0.1:6654: connecting...
      > close session 2
      > open session 3 to tcp:127.0.0.1:6654
      in CONNECTING for 0 ms (0 ms backoff)
    counter pin
      counter pin: 0 packets, 0 bytes
    status
      state CONNECTING, connected false, alive true, reliable true, admitted false
      last_error ECONNREFUSED "Connection refused", version 4, seqno 2
      sec_since_connect 0, sec_since_disconnect 1
      txqlen 0, monitors 0, failure_duration 1
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6654, target tcp:127.0.0.1:6654
  `);
});

test('§1.1.3 §1.3.6 a target whose stream needs no probes (unix:) gets probe interval 0', (t) => {
  checkTranscript(t, `
    create probe=5
      in VOID for 0 ms (0 ms backoff)
    connect unix:/var/run/controller.sock unix
      ! unix:/var/run/controller.sock: connecting...
      > open session 1 to unix:/var/run/controller.sock
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! unix:/var/run/controller.sock: connected
      in ACTIVE for 0 ms (0 ms backoff)
    timeout
      no timeout
    advance 60000
      t=61010
    run
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 60, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 60
      backoff 0 ms, max_backoff 8 s, probe_interval 0 s
      name unix:/var/run/controller.sock, target unix:/var/run/controller.sock
  `);
});

test('§1.1.4 an accepted connection is unreliable and CONNECTING until its HELLO is done', (t) => {
  checkTranscript(t, `
    accept tcp:127.0.0.1:40123
      in CONNECTING for 0 ms (0 ms backoff)
    status
      state CONNECTING, connected false, alive true, reliable false, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:40123, target tcp:127.0.0.1:40123
    advance 20
      t=1020
    connected 4
      ! tcp:127.0.0.1:40123: connected
      in ACTIVE for 0 ms (0 ms backoff)
    status
      state ACTIVE, connected true, alive true, reliable false, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:40123, target tcp:127.0.0.1:40123
  `);
});

test('§1.1.4 §1.1.6 §1.2.7 an accepted client that never finishes HELLO times out after 1 s and is DISCONNECTED for good', (t) => {
  checkTranscript(t, `
    accept unix#3
      in CONNECTING for 0 ms (0 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! unix#3: connection timed out
      > close session 1
      in DISCONNECTED for 0 ms (0 ms backoff)
    status
      state DISCONNECTED, connected false, alive false, reliable false, admitted false
      last_error ETIMEDOUT "Connection timed out", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 1
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name unix#3, target unix#3
    timeout
      no timeout
  `);
});

test('§1.1.5 an attempt that cannot even start backs off without a reset and without touching last_disconnected', (t) => {
  checkTranscript(t, `
    open-error ENOPROTOOPT
    connect ssl:127.0.0.1:6653
      ! ssl:127.0.0.1:6653: connecting...
      > open session 1 to ssl:127.0.0.1:6653: Protocol not available
      ! ssl:127.0.0.1:6653: connection failed (Protocol not available)
      ! ssl:127.0.0.1:6653: waiting 1 seconds before reconnect
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ENOPROTOOPT "Protocol not available", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name ssl:127.0.0.1:6653, target ssl:127.0.0.1:6653
    timeout
      advance 1000 ms, t=2000
    run
      ! ssl:127.0.0.1:6653: connecting...
      > open session 2 to ssl:127.0.0.1:6653: Protocol not available
      ! ssl:127.0.0.1:6653: connection failed (Protocol not available)
      ! ssl:127.0.0.1:6653: waiting 2 seconds before reconnect
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=4000
    run
      ! ssl:127.0.0.1:6653: connecting...
      > open session 3 to ssl:127.0.0.1:6653: Protocol not available
      ! ssl:127.0.0.1:6653: connection failed (Protocol not available)
      ! ssl:127.0.0.1:6653: waiting 4 seconds before reconnect
      in BACKOFF for 0 ms (4000 ms backoff)
    timeout
      advance 4000 ms, t=8000
    run
      ! ssl:127.0.0.1:6653: connecting...
      > open session 4 to ssl:127.0.0.1:6653: Protocol not available
      ! ssl:127.0.0.1:6653: connection failed (Protocol not available)
      ! ssl:127.0.0.1:6653: continuing to retry connections in the background but suppressing further logging
      in BACKOFF for 0 ms (8000 ms backoff)
    open-error none
    timeout
      advance 8000 ms, t=16000
    run
      ! (quiet) ssl:127.0.0.1:6653: connecting...
      > open session 5 to ssl:127.0.0.1:6653
      in CONNECTING for 0 ms (8000 ms backoff)
    advance 5
      t=16005
    connected 4
      ! ssl:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (8000 ms backoff)
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error ENOPROTOOPT "Protocol not available", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 15
      backoff 8000 ms, max_backoff 8 s, probe_interval 5 s
      name ssl:127.0.0.1:6653, target ssl:127.0.0.1:6653
  `);
});

test('§1.1.6 connect + HELLO must finish within max(1 s, backoff): ETIMEDOUT, and the backoff does not reset', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connection timed out
      ! tcp:127.0.0.1:6653: waiting 1 seconds before reconnect
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=3000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=4000
    run
      ! tcp:127.0.0.1:6653: connection timed out
      ! tcp:127.0.0.1:6653: waiting 2 seconds before reconnect
      > close session 2
      in BACKOFF for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=6000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 3 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (2000 ms backoff)
    timeout
      advance 2000 ms, t=8000
    run
      ! tcp:127.0.0.1:6653: connection timed out
      ! tcp:127.0.0.1:6653: waiting 4 seconds before reconnect
      > close session 3
      in BACKOFF for 0 ms (4000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ETIMEDOUT "Connection timed out", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 7
      backoff 4000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1.6 a connection that fails while CONNECTING (HELLO failure) disconnects with its error', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 30
      t=1030
    connect-failed EPROTO
      ! tcp:127.0.0.1:6653: connection failed (Protocol error)
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EPROTO "Protocol error", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 0
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1.7 a peer close is "connection closed by peer" (EOF); other errors are "connection dropped"', (t) => {
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
    advance 2000
      t=3010
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EOF "End of file", version 4, seqno 2
      sec_since_connect 2, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 2
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    timeout
      advance 1000 ms, t=4010
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    advance 10
      t=4020
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    advance 2000
      t=6020
    dropped ECONNRESET
      ! tcp:127.0.0.1:6653: connection dropped (Connection reset by peer)
      > close session 2
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ECONNRESET "Connection reset by peer", version 4, seqno 4
      sec_since_connect 2, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 5
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1.8 reconnect drops only a connected rconn, with no error, and it redials', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    reconnect
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    advance 3000
      t=4010
    reconnect
      ! tcp:127.0.0.1:6653: disconnecting
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 2
      sec_since_connect 3, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 3
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    timeout
      advance 1000 ms, t=5010
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
  `);
});

test('§1.1.9 disconnect closes everything and returns to VOID, target "void", backoff 0', (t) => {
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
    send OFPT_PACKET_IN counter=pin
      send: ok
    disconnect
      > close session 1
      in VOID for 0 ms (0 ms backoff)
    counter pin
      counter pin: 0 packets, 0 bytes
    status
      state VOID, connected false, alive false, reliable false, admitted false
      last_error none "", version 4, seqno 2
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name void, target void
    timeout
      no timeout
  `);
});

test('§1.1.10 the sequence number changes on every connect and disconnect, not on other transitions', (t) => {
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
    advance 10
      t=2010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    timeout
      advance 5000 ms, t=7010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 2 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (1000 ms backoff)
    received OFPT_ECHO_REPLY
      ! tcp:127.0.0.1:6653: inactivity probe answered after 0 ms
      delivered
      in ACTIVE for 0 ms (1000 ms backoff)
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 2
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error EOF "End of file", version 4, seqno 2
      sec_since_connect 5, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 6
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.1 reports about a session that is no longer current are ignored', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    timeout
      advance 1000 ms, t=2000
    run
      ! tcp:127.0.0.1:6653: connection timed out
      ! tcp:127.0.0.1:6653: waiting 1 seconds before reconnect
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    connected 4 session=1
      ignored
    connect-failed ECONNREFUSED session=1
    timeout
      advance 1000 ms, t=3000
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    advance 10
      t=3010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    dropped EOF session=1
    received OFPT_FLOW_MOD session=1
      ignored
    received OFPT_FLOW_MOD
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error ETIMEDOUT "Connection timed out", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect 1
      txqlen 0, monitors 0, failure_duration 0
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

// Transcripts for reference §1.3: the inactivity probe, what counts as
// activity, and the probe interval's normalisation.
import test from 'ava';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.3.2 §1.3.3 §1.3.5 a silent peer: IDLE and an ECHO_REQUEST at 5 s, disconnect with ETIMEDOUT at 10 s', (t) => {
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
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    timeout
      advance 5000 ms, t=11010
    run
      ! tcp:127.0.0.1:6653: no response to inactivity probe after 5 seconds, disconnecting
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    status
      state BACKOFF, connected false, alive true, reliable true, admitted false
      last_error ETIMEDOUT "Connection timed out", version 4, seqno 2
      sec_since_connect 10, sec_since_disconnect 0
      txqlen 0, monitors 0, failure_duration 10
      backoff 1000 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.3.2 the probe goes out in the negotiated version with xid 0 and an empty body', (t) => {
  checkTranscript(t, `
    accept tcp:127.0.0.1:40000
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 6
      ! tcp:127.0.0.1:40000: connected
      in ACTIVE for 0 ms (0 ms backoff)
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:40000: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 6, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
  `);
});

test('§1.3.4 any message, not only ECHO_REPLY, returns IDLE to ACTIVE and restarts the interval', (t) => {
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
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    advance 4999
      t=11009
    received OFPT_PACKET_OUT
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
      in ACTIVE for 0 ms (0 ms backoff)
    timeout
      advance 5000 ms, t=16009
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
  `);
});

test('§1.3.2 §1.3.4 a message received in ACTIVE postpones the probe to a full interval after it', (t) => {
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
    advance 3000
      t=4010
    received OFPT_FEATURES_REQUEST
      delivered
    timeout
      advance 5000 ms, t=9010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
  `);
});

test('§1.3.4 a message written from a backlogged queue counts as activity; one written at once does not', (t) => {
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
    advance 1000
      t=2010
    send OFPT_PACKET_IN
      > session 1 <- OFPT_PACKET_IN
      send: ok
    deadline
      deadline t=6010
    block
    send OFPT_PACKET_IN
      send: ok
    deadline
      deadline t=6010
    unblock
    advance 1000
      t=3010
    run
      > session 1 <- OFPT_PACKET_IN
    deadline
      deadline t=8010
    timeout
      advance 5000 ms, t=8010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
  `);
});

test('§1.3.4 sending does not return IDLE to ACTIVE, even from the backlog', (t) => {
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
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      in IDLE for 0 ms (0 ms backoff)
    send OFPT_PORT_STATUS
      send: ok
    unblock
    advance 1000
      t=7010
    run
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      > session 1 <- OFPT_PORT_STATUS
    timeout
      advance 4000 ms, t=11010
    run
      ! tcp:127.0.0.1:6653: no response to inactivity probe after 5 seconds, disconnecting
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
  `);
});

test('§1.3.1 probe interval 0 turns probing off; 1..4 s become 5 s; larger values stay', (t) => {
  checkTranscript(t, `
    create probe=0
      in VOID for 0 ms (0 ms backoff)
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    timeout
      no timeout
    set-probe 1
    timeout
      advance 5000 ms, t=6010
    set-probe 4
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 5, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 5
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    set-probe 30
    timeout
      advance 25000 ms, t=31010
    run
      ! tcp:127.0.0.1:6653: idle 30 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    timeout
      advance 30000 ms, t=61010
    run
      ! tcp:127.0.0.1:6653: no response to inactivity probe after 30 seconds, disconnecting
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
  `);
});

test('§1.3.1 turning probing off while IDLE leaves the connection waiting instead of timing it out', (t) => {
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
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    set-probe 0
    timeout
      no timeout
    advance 60000
      t=66010
    run
    received OFPT_ECHO_REPLY
      ! tcp:127.0.0.1:6653: inactivity probe answered after 60000 ms
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
      in ACTIVE for 0 ms (0 ms backoff)
  `);
});

test('§1.3.6 a unix: controller gets interval 0 at connect, and is probed once connmgr re-applies the interval', (t) => {
  checkTranscript(t, `
    create probe=5
      in VOID for 0 ms (0 ms backoff)
    connect unix:/run/ctl.sock unix
      ! unix:/run/ctl.sock: connecting...
      > open session 1 to unix:/run/ctl.sock
      in CONNECTING for 0 ms (0 ms backoff)
    advance 10
      t=1010
    connected 4
      ! unix:/run/ctl.sock: connected
      in ACTIVE for 0 ms (0 ms backoff)
    set-probe 5
    timeout
      advance 5000 ms, t=6010
    run
      ! unix:/run/ctl.sock: idle 5 seconds, sending inactivity probe
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    timeout
      advance 5000 ms, t=11010
    run
      ! unix:/run/ctl.sock: no response to inactivity probe after 5 seconds, disconnecting
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
  `);
});

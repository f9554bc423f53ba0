// Reference §1.6: monitors (snoops).  Transcripts through the core, plus
// unit tests of the monitor set.
import test from 'ava';
import type { ConnectionError } from '../../src/rconn/errors.js';
import { MAX_MONITORS, Monitors, type MonitorPort } from '../../src/rconn/monitors.js';
import type { SendResult } from '../../src/rconn/send-queue.js';
import { checkTranscript } from '../support/rconn-transcript.js';

test('§1.6.1 at most 8 monitors: a 9th is closed at once', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add m1
      ! new monitor connection from m1
    monitor add m2
      ! new monitor connection from m2
    monitor add m3
      ! new monitor connection from m3
    monitor add m4
      ! new monitor connection from m4
    monitor add m5
      ! new monitor connection from m5
    monitor add m6
      ! new monitor connection from m6
    monitor add m7
      ! new monitor connection from m7
    monitor add m8
      ! new monitor connection from m8
    monitor add m9
      > close m9
      ! too many monitor connections, discarding m9
      rejected
    status
      state CONNECTING, connected false, alive true, reliable true, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 8, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    monitor eof m3
      > close m3
      ! tcp:127.0.0.1:6653: closing monitor connection to m3: End of file
    monitor add m10
      ! new monitor connection from m10
    status
      state CONNECTING, connected false, alive true, reliable true, admitted false
      last_error none "", version -1, seqno 0
      sec_since_connect never, sec_since_disconnect never
      txqlen 0, monitors 8, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.6.2 every message received and every message queued is copied to each monitor, at queue time', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add snoop1
      ! new monitor connection from snoop1
    monitor add snoop2
      ! new monitor connection from snoop2
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    received OFPT_FEATURES_REQUEST
      > snoop1 <- OFPT_FEATURES_REQUEST
      > snoop2 <- OFPT_FEATURES_REQUEST
      delivered
    send OFPT_FEATURES_REPLY
      > snoop1 <- OFPT_FEATURES_REPLY
      > snoop2 <- OFPT_FEATURES_REPLY
      > session 1 <- OFPT_FEATURES_REPLY
      send: ok
    block
    send OFPT_PACKET_IN
      > snoop1 <- OFPT_PACKET_IN
      > snoop2 <- OFPT_PACKET_IN
      send: ok
    timeout
      advance 5000 ms, t=6010
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > snoop1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      > snoop2 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (0 ms backoff)
    unblock
    run
      > session 1 <- OFPT_PACKET_IN
      > session 1 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
  `);
});

test('§1.6.2 nothing is copied while not connected: ENOTCONN sends and stale messages reach no monitor', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add snoop
      ! new monitor connection from snoop
    send OFPT_PACKET_IN
      send: ENOTCONN
    received OFPT_FLOW_MOD
      ignored
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    received OFPT_FLOW_MOD
      ignored
  `);
});

test('§1.6.2 a monitor that cannot take a copy now misses it; one whose write fails is closed', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add slow
      ! new monitor connection from slow
    monitor add broken
      ! new monitor connection from broken
    monitor add fine
      ! new monitor connection from fine
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    monitor block slow
    monitor write-error broken EPIPE
    send OFPT_PACKET_IN
      > broken write error (Broken pipe)
      > close broken
      ! tcp:127.0.0.1:6653: closing monitor connection to broken: Broken pipe
      > fine <- OFPT_PACKET_IN
      > session 1 <- OFPT_PACKET_IN
      send: ok
    monitor unblock slow
    received OFPT_PACKET_OUT
      > slow <- OFPT_PACKET_OUT
      > fine <- OFPT_PACKET_OUT
      ! tcp:127.0.0.1:6653: probably admitted
      delivered
    status
      state ACTIVE, connected true, alive true, reliable true, admitted true
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 2, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.6.3 what a monitor sends is read and dropped, never reaching the session; its EOF closes it', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add snoop
      ! new monitor connection from snoop
    advance 10
      t=1010
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    monitor input snoop OFPT_FLOW_MOD
      discarded (1 so far)
    monitor input snoop OFPT_ECHO_REQUEST
      discarded (2 so far)
    run
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 1, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
    monitor eof snoop
      > close snoop
      ! tcp:127.0.0.1:6653: closing monitor connection to snoop: End of file
    send OFPT_PACKET_IN
      > session 1 <- OFPT_PACKET_IN
      send: ok
    status
      state ACTIVE, connected true, alive true, reliable true, admitted false
      last_error none "", version 4, seqno 1
      sec_since_connect 0, sec_since_disconnect never
      txqlen 0, monitors 0, failure_duration 0
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name tcp:127.0.0.1:6653, target tcp:127.0.0.1:6653
  `);
});

test('§1.6.4 monitors belong to the rconn: they survive reconnections and see the next session, and close on destroy', (t) => {
  checkTranscript(t, `
    connect tcp:127.0.0.1:6653
      ! tcp:127.0.0.1:6653: connecting...
      > open session 1 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (0 ms backoff)
    monitor add snoop
      ! new monitor connection from snoop
    advance 10
      t=1010
    connected 1
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (0 ms backoff)
    send OFPT_PACKET_IN
      > snoop <- OFPT_PACKET_IN
      > session 1 <- OFPT_PACKET_IN
      send: ok
    dropped EOF
      ! tcp:127.0.0.1:6653: connection closed by peer
      > close session 1
      in BACKOFF for 0 ms (1000 ms backoff)
    timeout
      advance 1000 ms, t=2010
    run
      ! tcp:127.0.0.1:6653: connecting...
      > open session 2 to tcp:127.0.0.1:6653
      in CONNECTING for 0 ms (1000 ms backoff)
    advance 10
      t=2020
    connected 4
      ! tcp:127.0.0.1:6653: connected
      in ACTIVE for 0 ms (1000 ms backoff)
    timeout
      advance 5000 ms, t=7020
    run
      ! tcp:127.0.0.1:6653: idle 5 seconds, sending inactivity probe
      > snoop <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      > session 2 <- OFPT_ECHO_REQUEST (version 4, xid 0, 8 bytes)
      in IDLE for 0 ms (1000 ms backoff)
    received OFPT_ECHO_REPLY
      > snoop <- OFPT_ECHO_REPLY
      ! tcp:127.0.0.1:6653: inactivity probe answered after 0 ms
      delivered
      in ACTIVE for 0 ms (1000 ms backoff)
    destroy
      > close snoop
      ! tcp:127.0.0.1:6653: closing monitor connection to snoop
      > close session 2
      in VOID for 0 ms (0 ms backoff)
    status
      state VOID, connected false, alive false, reliable false, admitted false
      last_error EOF "End of file", version 4, seqno 4
      sec_since_connect 5, sec_since_disconnect 6
      txqlen 0, monitors 0, failure_duration 6
      backoff 0 ms, max_backoff 8 s, probe_interval 5 s
      name void, target void
  `);
});

class Port implements MonitorPort {
  copies = 0;
  closed = 0;
  constructor(
    readonly name: string,
    private readonly answer: () => SendResult = () => 'sent',
  ) {}
  trySend(): SendResult {
    const r = this.answer();
    if (r === 'sent') this.copies++;
    return r;
  }
  close(): void {
    this.closed++;
  }
}

test('§1.6.1 the monitor set holds MAX_MONITORS = 8 and closes the rest without reporting them', (t) => {
  const closed: string[] = [];
  const set = new Monitors((p) => closed.push(p.name));
  const ports = Array.from({ length: 10 }, (_, i) => new Port(`m${i}`));
  t.deepEqual(ports.map((p) => set.add(p)), [true, true, true, true, true, true, true, true, false, false]);
  t.is(MAX_MONITORS, 8);
  t.is(set.size, 8);
  t.deepEqual([ports[8]!.closed, ports[9]!.closed], [1, 1]);
  t.deepEqual(closed, []);
});

test('§1.6.2 §1.6.3 copy, failure and input: each port is closed exactly once, with the reason reported', (t) => {
  const reports: [string, ConnectionError | null][] = [];
  const set = new Monitors((p, e) => reports.push([p.name, e]));
  const ok = new Port('ok');
  const full = new Port('full', () => 'again');
  const bad = new Port('bad', () => 'ECONNRESET');
  const gone = new Port('gone');
  for (const p of [ok, full, bad, gone]) set.add(p);
  set.copy(new Uint8Array(8));
  set.copy(new Uint8Array(8));
  t.deepEqual([ok.copies, full.copies, bad.copies, gone.copies], [2, 0, 0, 2]);
  t.true(set.discardInput(gone, new Uint8Array(8)));
  t.false(set.discardInput(bad, new Uint8Array(8)));
  t.is(set.inputDiscarded, 1);
  t.true(set.failed(gone, 'EOF'));
  t.false(set.failed(gone, 'EOF'));
  set.closeAll();
  t.deepEqual(reports, [['bad', 'ECONNRESET'], ['gone', 'EOF'], ['ok', null], ['full', null]]);
  t.deepEqual([ok.closed, full.closed, bad.closed, gone.closed], [1, 1, 1, 1]);
  t.is(set.size, 0);
});

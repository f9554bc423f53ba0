// Error codes and event wording (errors.ts, events.ts): the words are OVS's,
// since logs and status are read by people who know them.
import test from 'ava';
import { connectionErrorFromCode, errorText, isConnectionError } from '../../src/rconn/errors.js';
import { describeEvent } from '../../src/rconn/events.js';

test('§1.2.1 §4.12.1 last_error texts: strerror words, "End of file" for EOF, nothing for no error', (t) => {
  t.is(errorText('ECONNREFUSED'), 'Connection refused');
  t.is(errorText('ETIMEDOUT'), 'Connection timed out');
  t.is(errorText('EPROTO'), 'Protocol error');
  t.is(errorText('ECONNRESET'), 'Connection reset by peer');
  t.is(errorText('EOF'), 'End of file');
  t.is(errorText('ENOPROTOOPT'), 'Protocol not available');
  t.is(errorText(null), '');
});

test('Node.js error codes map onto connection errors; unknown ones fall back', (t) => {
  t.is(connectionErrorFromCode('ECONNREFUSED'), 'ECONNREFUSED');
  t.is(connectionErrorFromCode('EHOSTUNREACH'), 'EHOSTUNREACH');
  t.is(connectionErrorFromCode('ERR_SSL_WRONG_VERSION_NUMBER'), 'EPROTO');
  t.is(connectionErrorFromCode(undefined, 'EIO'), 'EIO');
  t.false(isConnectionError('toString'));
  t.false(isConnectionError(42));
});

test('§1.1-§1.3 event wording follows the OVS log lines', (t) => {
  const n = 'tcp:127.0.0.1:6653';
  t.is(describeEvent({ type: 'rconn.connecting', name: n, quiet: false }), `${n}: connecting...`);
  t.is(
    describeEvent({ type: 'rconn.connect-failed', name: n, error: 'ECONNREFUSED', quiet: false, atOpen: false }),
    `${n}: connection failed (Connection refused)`,
  );
  t.is(describeEvent({ type: 'rconn.connect-timed-out', name: n, quiet: false }), `${n}: connection timed out`);
  t.is(describeEvent({ type: 'rconn.connected', name: n, version: 4, reliable: true }), `${n}: connected`);
  t.is(describeEvent({ type: 'rconn.peer-closed', name: n, reliable: true }), `${n}: connection closed by peer`);
  t.is(describeEvent({ type: 'rconn.dropped', name: n, error: 'EPIPE' }), `${n}: connection dropped (Broken pipe)`);
  t.is(describeEvent({ type: 'rconn.disconnecting', name: n }), `${n}: disconnecting`);
  t.is(describeEvent({ type: 'rconn.backoff', name: n, seconds: 4 }), `${n}: waiting 4 seconds before reconnect`);
  t.is(
    describeEvent({ type: 'rconn.backoff-capped', name: n }),
    `${n}: continuing to retry connections in the background but suppressing further logging`,
  );
  t.is(describeEvent({ type: 'rconn.idle', name: n, seconds: 5 }), `${n}: idle 5 seconds, sending inactivity probe`);
  t.is(
    describeEvent({ type: 'rconn.probe-timeout', name: n, seconds: 5 }),
    `${n}: no response to inactivity probe after 5 seconds, disconnecting`,
  );
  t.is(describeEvent({ type: 'rconn.state', name: n, from: 'BACKOFF', to: 'CONNECTING' }), `${n}: entering CONNECTING`);
  t.is(describeEvent({ type: 'rconn.disconnected', name: n, error: 'EOF', reliable: true }), `${n}: disconnected (End of file)`);
  t.is(describeEvent({ type: 'rconn.disconnected', name: n, error: null, reliable: true }), `${n}: disconnected`);
});

test('§1.6.1 monitor event wording follows the OVS log lines', (t) => {
  t.is(describeEvent({ type: 'rconn.monitor-added', name: 'x', monitor: 'unix#7' }), 'new monitor connection from unix#7');
  t.is(
    describeEvent({ type: 'rconn.monitor-rejected', name: 'x', monitor: 'unix#9' }),
    'too many monitor connections, discarding unix#9',
  );
  t.is(
    describeEvent({ type: 'rconn.monitor-closed', name: 'x', monitor: 'unix#7', error: 'EOF' }),
    'x: closing monitor connection to unix#7: End of file',
  );
});

/**
 * Log lines from the agent channel's events (src/telemetry/agent-event-log.ts):
 * real Attach streams of scripted agents against an ApiServer whose
 * agentListener is an AgentEventLog writing JSON through pino into a
 * captured destination: attaching (primary, backup, preemption) and
 * detaching at info, a datapath left with no primary, a refused Attach and
 * the agent's refused messages at warn, under the bridge's child logger
 * with module "agent" and the event's fields; stream errors rate-limited
 * (10 a minute) with the "N messages suppressed" line.
 */

import test from 'ava';
import { createLogger, AgentEventLog } from '../../src/telemetry/index.js';
import { startApi } from '../support/api-client.js';
import { FakeClock } from '../support/fake-clock.js';
import { LogCapture } from '../support/log-capture.js';
import { until } from '../support/loopback.js';
import { TestAgent } from '../support/test-agent.js';

test('attach, preemption, refusals, stream errors (rate-limited) and detaching, each a line at its level under the bridge', async (t) => {
  const capture = new LogCapture();
  const clock = new FakeClock(1_000_000);
  const log = new AgentEventLog({ logger: createLogger({ destination: capture, level: 'debug' }), clock });
  const api = await startApi({ agentListener: log.listener });
  const agents: TestAgent[] = [];
  t.teardown(async () => {
    for (const a of agents) a.close();
    await api.close();
  });
  await api.call('CreateBridge', { bridge: { name: 'br0', datapath_id: '', packet_buffers: 0, protocols: [], fail_mode: 'SECURE' } });
  const lines = (): Array<[string, string]> => capture.lines.map((l) => [l.level, l.msg]);

  const first = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 1n });
  agents.push(first);
  const second = await TestAgent.attach(api.address, { bridge: 'br0', electionId: 2n });
  agents.push(second);
  await until(() => capture.lines.length >= 4, 'the attach lines');
  t.deepEqual(lines().map(([level, msg]) => [level, msg.replace(/agent \S+ attached/, 'agent PEER attached')]), [
    ['info', 'br0: agent PEER attached with election id 1 as primary'],
    ['info', 'br0: agent with election id 1 is primary'],
    ['info', 'br0: agent PEER attached with election id 2 as primary'],
    // The scripted first agent left connmgr's replay (hidden flows, miss behaviour, fragment handling) unanswered.
    ['info', 'br0: agent with election id 2 is primary (3 requests of the former primary failed)'],
  ]);
  const attached = capture.lines[2]!;
  t.like(attached, { name: 'ofconnmgr', bridge: 'br0', module: 'agent', event: 'agent.attached', electionId: '2', primary: true });
  t.is(typeof attached['peer'], 'string');
  t.false('type' in attached, 'the event type is in "event"');

  // An Attach naming no known bridge: refused, at warn.
  const stray = TestAgent.open(api.address, { bridge: 'nope', electionId: 3n });
  agents.push(stray);
  await stray.ended();
  await until(() => capture.find(/Attach from .* refused/) !== undefined, 'the refusal');
  t.like(capture.find(/Attach from .* refused/), { level: 'warn', bridge: 'nope', module: 'agent', event: 'agent.refused', code: 5 });
  t.regex(capture.find(/Attach from .* refused/)!.msg, /^nope: Attach from \S+ refused \(code 5\): hello\.bridge: no bridge named "nope"$/);

  // The backup sends what only the primary may: a StreamError, logged at warn.
  capture.lines.length = 0;
  first.send({ reply: { request_id: '1', ok: {} } });
  await until(() => capture.lines.length >= 1, 'the stream error line');
  t.like(capture.lines[0], { level: 'warn', bridge: 'br0', module: 'agent', event: 'agent.stream-error', electionId: '1', code: 7, sent: true });
  t.regex(capture.lines[0]!.msg, /^br0: agent 1: stream error \(code 7\): reply: this agent \(election id 1\) is a backup; the primary has election id 2$/);

  // 11 more: 10 a minute, then suppressed; 6 s later one more is let through, after the count of the suppressed ones.
  for (let i = 0; i < 11; i++) first.send({ reply: { request_id: '1', ok: {} } });
  await first.waitFor(() => first.errors.length === 12, 'the 12 stream errors');
  t.is(capture.lines.filter((l) => l.event === 'agent.stream-error').length, 10);
  clock.advance(6000);
  first.send({ reply: { request_id: '1', ok: {} } });
  await until(() => capture.lines.filter((l) => l.event === 'agent.stream-error').length === 11, 'the line after the pause');
  t.deepEqual(capture.lines.slice(-2).map((l) => [l.level, l.event, l.msg.slice(0, 39)]), [
    ['warn', 'suppressed', '2 messages suppressed in last 6 seconds'],
    ['warn', 'agent.stream-error', 'br0: agent 1: stream error (code 7): re'],
  ]);

  // The primary goes: the backup takes over; then no agent is left, at warn.  (Neither scripted agent answers the replay.)
  capture.lines.length = 0;
  second.end();
  await until(() => capture.lines.length >= 2, 'the take-over');
  first.end();
  await until(() => capture.lines.length >= 4, 'the last agent going');
  t.deepEqual(lines(), [
    ['info', 'br0: agent with election id 2 detached (the agent closed the stream)'],
    ['info', 'br0: agent with election id 1 is primary (3 requests of the former primary failed)'],
    ['info', 'br0: agent with election id 1 detached (the agent closed the stream)'],
    ['warn', 'br0: no agent serves the datapath (3 unanswered requests failed)'],
  ]);
});

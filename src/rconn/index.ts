/**
 * The public surface of the reliable connection layer: the pure core
 * (state machine, send queue, monitors, status) that the rconn driver and
 * connmgr build on.  Layers above import from here only.
 */

export { isAdmissionMessage } from './admission.js';
export { MIN_BACKOFF_MS, nextBackoff, type BackoffStep } from './backoff.js';
export { RconnCore, type Connector, type RconnCoreOptions, type SendStatus, type SessionPort } from './core.js';
export { connectionErrorFromCode, errorText, isConnectionError, type ConnectionError } from './errors.js';
export { describeEvent, type RconnEvent, type RconnEventType, type RconnListener, type RconnStateName } from './events.js';
export {
  ADMISSION_GRACE_MS,
  MIN_CONNECT_TIMEOUT_MS,
  RconnFsm,
  type ConnectOptions,
  type RconnAction,
  type RconnFsmOptions,
} from './fsm.js';
export { MessageTally, type TallyEntry } from './message-tally.js';
export { MAX_MONITORS, Monitors, type MonitorClosedListener, type MonitorPort } from './monitors.js';
export { PacketCounter, SendQueue, type FrameSink, type SendQueueStats, type SendResult } from './send-queue.js';
export * from './settings.js';
export { rconnStatus, type RconnStatus } from './status.js';

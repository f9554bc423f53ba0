/**
 * The public surface of the reference software switch: the switch itself
 * (a DatapathPort for connmgr, plus the wire side an agent or a test
 * drives) and the types its options and outputs use.  The files behind it
 * (parsing, matching, tables, actions, pipeline) are its internals.
 */

export {
  type FlowSnapshot,
  ReferenceSwitch,
  type ReferenceSwitchOptions,
  SWITCH_CAPABILITIES,
  SWITCH_OF10_ACTIONS,
  type Transmission,
} from './reference-switch.js';
export type { PortCounters, PortSpec } from './switch-ports.js';
export type { MeterLimits } from './meter-table.js';
export { DatapathError } from './datapath-error.js';

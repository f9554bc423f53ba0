/**
 * A controller's settings, as the bridge hands them to connmgr (Open
 * vSwitch's struct ofproto_controller, from the Controller table), their
 * defaults, and what a change of settings means for an existing service
 * (reference §4.1.2, §4.2.3, §4.3.3).  connmgr.ts reconciles a desired map
 * target -> ControllerSettings; ofservice.ts and ofconn.ts read the
 * resolved ServiceSettings.  Times are in seconds, as rconn takes them;
 * settings.ts of the rconn layer maps the database's milliseconds.
 */

import { isActivePrefix, isPassivePrefix } from '../transport/index.js';
import { DEFAULT_MAX_BACKOFF_S, DEFAULT_PROBE_INTERVAL_S } from '../rconn/index.js';

/** The connection type (OVS's enum ofconn_type); roles are a separate, per-session matter. */
export type ConnectionType = 'primary' | 'service';

/** Controller connection mode (§8.1): in-band control traffic or a separate network. */
export type ConnectionBand = 'in-band' | 'out-of-band';

/** Packet-in queue limit when none is configured (§5.7: controller_queue_size). */
export const DEFAULT_PACKET_IN_QUEUE_SIZE = 100;
/** The range controller_queue_size accepts (§5.7). */
export const MIN_PACKET_IN_QUEUE_SIZE = 1;
export const MAX_PACKET_IN_QUEUE_SIZE = 512;

/**
 * The settings of one controller target, every field optional; absent
 * fields take the defaults of resolveSettings().
 */
export interface ControllerSettings {
  /** Default: 'primary' for an active target (tcp:, ssl:, unix:), 'service' for a passive one (§4.1.3). */
  readonly type?: ConnectionType;
  /** Maximum reconnection backoff, seconds; 0 or absent: 8 (§1.2.6). */
  readonly maxBackoff?: number;
  /** Inactivity probe interval, seconds; 0 disables probing; absent: 5; other values raised to 5 (§1.3.1). */
  readonly probeInterval?: number;
  /** Default 'in-band', as the Controller table's connection_mode (§8.1). */
  readonly band?: ConnectionBand;
  /** Controller column enable_async_messages; default true (§4.6.1). */
  readonly enableAsyncMsgs?: boolean;
  /** OpenFlow versions allowed, as a bitmap (bit n = wire version n); 0 or absent: 1.0-1.5 (§2.1). */
  readonly allowedVersions?: number;
  /** Packet-in queue limit per session (controller_queue_size, 1..512); absent or out of range: 100 (§5.7). */
  readonly packetInQueueSize?: number;
  /** Packet-ins per second; 0 or absent: no rate limiting (§5.2). */
  readonly rateLimit?: number;
  /** Packet-in burst; <= 0 or absent: rateLimit / 4 (§5.2). */
  readonly burstLimit?: number;
  /** DSCP of the connection's packets (0-63); absent: 48 (§3.7). */
  readonly dscp?: number;
}

/** Whether 'target' names an active or passive stream class, by its prefix; null for neither (§4.2.2). */
export function targetKind(target: string): 'active' | 'passive' | null {
  const prefix = target.slice(0, Math.max(0, target.indexOf(':')));
  if (isActivePrefix(prefix)) return 'active';
  if (isPassivePrefix(prefix)) return 'passive';
  return null;
}

/** Settings with every default applied: what an ofservice stores (§4.1.2). */
export interface ServiceSettings {
  readonly type: ConnectionType;
  readonly maxBackoff: number;
  readonly probeInterval: number;
  readonly band: ConnectionBand;
  readonly enableAsyncMsgs: boolean;
  readonly allowedVersions: number;
  readonly packetInQueueSize: number;
  readonly rateLimit: number;
  readonly burstLimit: number;
  /** undefined: the transport's default (48). */
  readonly dscp: number | undefined;
}

/**
 * 'settings' for 'target' with every default applied (see
 * ControllerSettings).  Does not validate the target: an invalid passive
 * or active target fails when its service is opened.
 */
export function resolveSettings(target: string, settings: ControllerSettings = {}): ServiceSettings {
  const queue = settings.packetInQueueSize;
  return {
    type: settings.type ?? (targetKind(target) === 'passive' ? 'service' : 'primary'),
    maxBackoff: settings.maxBackoff ?? DEFAULT_MAX_BACKOFF_S,
    probeInterval: settings.probeInterval ?? DEFAULT_PROBE_INTERVAL_S,
    band: settings.band ?? 'in-band',
    enableAsyncMsgs: settings.enableAsyncMsgs ?? true,
    allowedVersions: settings.allowedVersions ?? 0,
    packetInQueueSize:
      queue !== undefined && Number.isInteger(queue) && queue >= MIN_PACKET_IN_QUEUE_SIZE && queue <= MAX_PACKET_IN_QUEUE_SIZE
        ? queue
        : DEFAULT_PACKET_IN_QUEUE_SIZE,
    rateLimit: settings.rateLimit ?? 0,
    burstLimit: settings.burstLimit ?? 0,
    dscp: settings.dscp,
  };
}

/**
 * Why a service with settings 'before' cannot take 'after' in place and
 * must be destroyed and created again (§4.2.3, §4.2.5): a different set
 * of allowed versions (the HELLO changes), a different connection type
 * (every session's defaults change; OVS would keep the old type, a quirk
 * the reference advises against), or a different DSCP (OVS sets it and
 * reconnects; recreating does the same for an active service and, for a
 * listener, makes new sessions use it).  Returns the name of the first
 * such setting, or null when the change can be applied in place.
 */
export function recreateReason(before: ServiceSettings, after: ServiceSettings): 'allowedVersions' | 'type' | 'dscp' | null {
  if (before.allowedVersions !== after.allowedVersions) return 'allowedVersions';
  if (before.type !== after.type) return 'type';
  if (before.dscp !== after.dscp) return 'dscp';
  return null;
}

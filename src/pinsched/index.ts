/** The packet-in scheduler's public surface (reference §5). */

export {
  adjustLimits,
  DEFAULT_RATE_LIMIT,
  mathRandomRange,
  MAX_PACKETS_PER_RUN,
  Pinsched,
  TOKENS_PER_PACKET,
  type PinschedLimits,
  type PinschedStats,
  type RandomRange,
} from './pinsched.js';
export { TokenBucket } from './token-bucket.js';

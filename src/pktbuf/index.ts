/** Packet buffers' public surface (reference §6.2). */

export {
  bufferId,
  COOKIE_MAX,
  DEFAULT_PACKET_BUFFERS,
  MAX_PACKET_BUFFERS,
  NULL_BUFFER_ID,
  OVERWRITE_MS,
  PacketBuffers,
  PKTBUF_BITS,
  type BufferedPacket,
  type RetrieveResult,
} from './pktbuf.js';

/**
 * The DESC statistics kind (OFPST_DESC / OFPMP_DESC): an empty request and
 * a reply of five fixed-size strings describing the switch.  The layout is
 * the same in every version.  One of the kinds multipart.ts dispatches to.
 */

import { type MultipartKind, needExactly, readFixedString, supportRange, writeFixedString } from './multipart-kind.js';

const DESC_STR_LEN = 256;
const SERIAL_NUM_LEN = 32;
/** Size of struct ofp_desc_stats. */
export const DESC_REPLY_LEN = 3 * DESC_STR_LEN + SERIAL_NUM_LEN + DESC_STR_LEN;

export interface DescStatsRequest {
  readonly stat: 'desc';
}

/** The switch's self-description; each string at most 255 characters (serialNum 31). */
export interface DescStatsReply {
  readonly stat: 'desc';
  readonly mfrDesc: string;
  readonly hwDesc: string;
  readonly swDesc: string;
  readonly serialNum: string;
  readonly dpDesc: string;
}

/** The DESC kind: every version; request body empty; reply exactly 1056 bytes (else BAD_LEN). */
export const descKind: MultipartKind<DescStatsRequest, DescStatsReply> = {
  stat: 'desc',
  number: 0,
  rawStem: 'DESC',
  requestSupport: supportRange(1, 6, () => ''),
  replySupport: supportRange(1, 6, () => ''),
  decodeRequest(r) {
    needExactly(r, 0, 'DESC request');
    return { stat: 'desc' };
  },
  encodeRequest: () => undefined,
  decodeReply(r) {
    needExactly(r, DESC_REPLY_LEN, 'DESC reply');
    return {
      stat: 'desc',
      mfrDesc: readFixedString(r, DESC_STR_LEN, 'mfr_desc'),
      hwDesc: readFixedString(r, DESC_STR_LEN, 'hw_desc'),
      swDesc: readFixedString(r, DESC_STR_LEN, 'sw_desc'),
      serialNum: readFixedString(r, SERIAL_NUM_LEN, 'serial_num'),
      dpDesc: readFixedString(r, DESC_STR_LEN, 'dp_desc'),
    };
  },
  encodeReply(w, p) {
    writeFixedString(w, p.mfrDesc, DESC_STR_LEN, 'mfr_desc');
    writeFixedString(w, p.hwDesc, DESC_STR_LEN, 'hw_desc');
    writeFixedString(w, p.swDesc, DESC_STR_LEN, 'sw_desc');
    writeFixedString(w, p.serialNum, SERIAL_NUM_LEN, 'serial_num');
    writeFixedString(w, p.dpDesc, DESC_STR_LEN, 'dp_desc');
  },
};

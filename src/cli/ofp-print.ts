/**
 * `ofconnmgr ofp-print`: decode OpenFlow messages given as hex, in the
 * manner of `ovs-ofctl ofp-print`.
 *
 *   ofconnmgr ofp-print HEX...          one line per message
 *   ofconnmgr ofp-print -               one message per line of stdin
 *   ofconnmgr ofp-print --json HEX      the neutral form as JSON
 *   ofconnmgr ofp-print --reencode HEX  the message re-encoded in its own version, as hex
 *
 * Bad hex or an undecodable message prints one line on stderr naming the
 * OpenFlow error, and the exit status is 1.
 */

import { OfpCodecError, decode, encode, formatMessage, toJsonText } from '../openflow/index.js';

export interface OfpPrintIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly readStdin: () => Promise<string>;
}

const USAGE = 'usage: ofconnmgr ofp-print [--json | --reencode] HEX... | -';

/** Parses 'text' as hex (spaces, colons and a 0x prefix allowed); undefined if it is not. */
function parseHex(text: string): Buffer | undefined {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return undefined;
  return Buffer.from(clean, 'hex');
}

/** Runs the command with 'args' (after "ofp-print"); resolves to the exit status. */
export async function ofpPrint(args: readonly string[], io: OfpPrintIo): Promise<number> {
  let mode: 'text' | 'json' | 'reencode' = 'text';
  const inputs: string[] = [];
  for (const a of args) {
    if (a === '--json') mode = 'json';
    else if (a === '--reencode') mode = 'reencode';
    else if (a === '-h' || a === '--help') {
      io.out(USAGE);
      return 0;
    } else if (a === '-') inputs.push(...(await io.readStdin()).split('\n').filter((l) => l.trim() !== ''));
    else inputs.push(a);
  }
  if (inputs.length === 0) {
    io.err(USAGE);
    return 1;
  }
  let status = 0;
  for (const input of inputs) {
    const bytes = parseHex(input);
    if (!bytes) {
      io.err(`ofp-print: "${input.length > 40 ? input.slice(0, 40) + '...' : input}" is not hex`);
      status = 1;
      continue;
    }
    try {
      const m = decode(bytes);
      if (mode === 'json') io.out(toJsonText(m));
      else if (mode === 'reencode') io.out(encode(m).toString('hex'));
      else io.out(formatMessage(m));
    } catch (e) {
      if (!OfpCodecError.is(e)) throw e;
      io.err(`ofp-print: ${e.ofperr}: ${e.message.replace(`${e.ofperr}: `, '')}`);
      status = 1;
    }
  }
  return status;
}

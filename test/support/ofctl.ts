/**
 * Open vSwitch's decoder as a judge: runs `ovs-ofctl ofp-parse` (the
 * batch form of `ovs-ofctl ofp-print`, which prints the same text for each
 * message) over many messages at once and splits its output back into one
 * text per message.  Tests use it to check that what our encoder writes is
 * something Open vSwitch reads without complaint and prints with the
 * values we meant.
 */

import { spawn } from 'node:child_process';

/** What ovs-ofctl made of one message. */
export interface OfctlOutput {
  /** Its printout on standard output. */
  readonly text: string;
  /** Its log lines on standard error other than INFO/DBG ones, timestamps removed. */
  readonly complaints: readonly string[];
}

/** The first line of a printout: "NAME (OF1.x) (xid=0x...):". */
export interface OfctlHeader {
  /** E.g. 'OFPT_FLOW_MOD', 'OFPST_PORT_DESC reply', 'NXT_ROLE_REQUEST'. */
  readonly name: string;
  /** E.g. '1.3'; undefined for OpenFlow 1.0, which ovs-ofctl does not mark. */
  readonly version: string | undefined;
  readonly xid: number;
}

/** Messages per ovs-ofctl run. */
const BATCH = 256;
/** An OF1.0 ECHO_REQUEST with xid 0xf1f2f3f4 and payload "OFCM", put between messages. */
const MARKER = Buffer.from('0102000c' + 'f1f2f3f4' + '4f46434d', 'hex');
const MARKER_RE = /^OFPT_ECHO_REQUEST \(xid=0xf1f2f3f4\): 4 bytes of payload\n00000000 {2}4f 46 43 4d[^\n]*\n/m;

interface RunResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

function run(input: Buffer): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ovs-ofctl', ['ofp-parse', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new Error(`cannot run ovs-ofctl (is openvswitch-common installed? make setup): ${e.message}`)));
    child.on('close', (status) => resolve({
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      status,
    }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function complaintsOf(stderr: string): string[] {
  return stderr.split('\n')
    .filter((l) => l.trim() !== '' && !l.includes('|INFO|') && !l.includes('|DBG|'))
    .map((l) => l.replace(/^\S+\|\d+\|/, ''));
}

async function runOne(msg: Uint8Array): Promise<OfctlOutput> {
  const r = await run(Buffer.from(msg));
  const complaints = complaintsOf(r.stderr);
  if (r.status !== 0) complaints.push(`ovs-ofctl exited with status ${r.status}`);
  return { text: r.stdout, complaints };
}

async function runBatch(msgs: readonly Uint8Array[]): Promise<OfctlOutput[]> {
  const parts: Buffer[] = [];
  for (const m of msgs) parts.push(Buffer.from(m), MARKER);
  const r = await run(Buffer.concat(parts));
  const texts = r.stdout.split(MARKER_RE);
  // One text per message, then what follows the last marker (nothing).
  if (r.status !== 0 || texts.length !== msgs.length + 1 || texts[msgs.length] !== '' || complaintsOf(r.stderr).length > 0) {
    // Some message made ovs-ofctl complain or stop: ask about each alone,
    // so that every complaint lands on the message that caused it.
    const outs: OfctlOutput[] = [];
    for (const m of msgs) outs.push(await runOne(m));
    return outs;
  }
  return texts.slice(0, msgs.length).map((text) => ({ text, complaints: [] }));
}

/**
 * Prints every message of 'msgs' (each one whole, header included) with
 * ovs-ofctl and returns the outputs in the same order.  Runs ovs-ofctl a
 * few times (once per 256 messages, plus once per message of a batch in
 * which some message made it complain).  Rejects if ovs-ofctl cannot be run.
 */
export async function ofctlPrint(msgs: readonly Uint8Array[]): Promise<OfctlOutput[]> {
  const out: OfctlOutput[] = [];
  for (let i = 0; i < msgs.length; i += BATCH) out.push(...await runBatch(msgs.slice(i, i + BATCH)));
  return out;
}

/** Lines of a hex dump ("00000010  01 02 ...") carry data, not ovs-ofctl's words. */
function isHexDump(line: string): boolean {
  return /^[0-9a-f]{8} {2}/.test(line);
}

/**
 * Why ovs-ofctl found fault with the message 'o' describes, or undefined if
 * it printed it cleanly: a complaint on standard error, "***" (decode
 * errors, "(***truncated...", "***only uses N bytes out of M***"), or the
 * word "bad" outside a hex dump.
 */
export function ofctlFault(o: OfctlOutput): string | undefined {
  if (o.complaints.length > 0) return o.complaints.join('; ');
  if (o.text.trim() === '') return 'printed nothing';
  for (const line of o.text.split('\n')) {
    if (isHexDump(line)) continue;
    if (line.includes('***') || /decode error/i.test(line) || /\bbad\b/i.test(line)) return line.trim();
  }
  return undefined;
}

/** The header line of a printout, or undefined if it has none. */
export function ofctlHeader(text: string): OfctlHeader | undefined {
  const m = /^(\S+(?: request| reply)?)(?: \(OF(\d\.\d)\))? \(xid=0x([0-9a-f]+)\):/.exec(text);
  if (!m) return undefined;
  return { name: m[1]!, version: m[2], xid: parseInt(m[3]!, 16) };
}

/**
 * The name ovs-ofctl prints for the identity msgs.ts calls 'rawName':
 * statistics and multipart messages become "OFPST_<KIND> request|reply"
 * (Nicira statistics "NXST_<KIND> request|reply");
 * everything else is printed under the same name.
 */
export function ofctlName(rawName: string): string {
  const m = /^(OFP|NX)(?:ST|MP)_(.+)_(REQUEST|REPLY)$/.exec(rawName);
  return m ? `${m[1]}ST_${m[2]} ${m[3]!.toLowerCase()}` : rawName;
}

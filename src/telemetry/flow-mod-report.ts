/**
 * The flow_mod summary of one session (reference §4.8.5; Open vSwitch's
 * ofconn_report_flow_mod() and ofconn_log_flow_mods()): flow mods the
 * datapath carried out are counted as adds, deletes and modifications;
 * 10 s after the first one of a quiet period (and never sooner than 60 s
 * after the previous report) one INFO line sums them up, e.g.
 * "12 flow_mods in the last 10 s (10 adds, 2 deletes)".  Whatever is
 * still unreported when the session ends is reported then.  event-log.ts
 * keeps one per session, fed by 'connmgr.flow-mod' events; the timer runs
 * on the injected Clock.
 */

import type { Clock, TimerHandle } from '../clock/clock.js';
import type { FlowModCommand } from '../openflow/index.js';

/** §4.8.5: the first report comes this long after the first flow mod. */
export const FLOW_MOD_REPORT_DELAY_MS = 10_000;
/** §4.8.5: reports are at least this far apart. */
export const FLOW_MOD_REPORT_BACKOFF_MS = 60_000;

/** Counts one session's flow mods and reports them as OVS does. */
export class FlowModReport {
  private adds = 0;
  private deletes = 0;
  private modifications = 0;
  private firstOp = 0;
  private lastOp = 0;
  /** When the pending report is due; Infinity: nothing to report. */
  private nextReport = Infinity;
  /** The earliest time the next report may come. */
  private backoff = -Infinity;
  private timer: TimerHandle | null = null;

  /** A report for the session 'session'; 'report' receives each summary line. */
  constructor(
    private readonly clock: Clock,
    private readonly session: string,
    private readonly report: (line: string) => void,
  ) {}

  /** Counts a flow mod with 'command' carried out now; arms the report if none is pending. */
  record(command: FlowModCommand): void {
    if (command === 'add') this.adds++;
    else if (command === 'modify' || command === 'modify_strict') this.modifications++;
    else if (command === 'delete' || command === 'delete_strict') this.deletes++;
    else return;
    const now = this.clock.now();
    if (this.nextReport === Infinity) {
      this.firstOp = now;
      this.nextReport = Math.max(now + FLOW_MOD_REPORT_DELAY_MS, this.backoff);
      this.backoff = this.nextReport + FLOW_MOD_REPORT_BACKOFF_MS;
      this.timer = this.clock.setTimer(this.nextReport - now, () => {
        this.timer = null;
        this.flush();
      });
    }
    this.lastOp = now;
  }

  /** Reports what is counted, if anything (the session ended, or the report is due), and cancels the timer. */
  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    this.nextReport = Infinity;
    const n = this.adds + this.deletes + this.modifications;
    if (n === 0) return;
    const ago = Math.trunc((this.clock.now() - this.firstOp) / 1000);
    const interval = Math.trunc((this.lastOp - this.firstOp) / 1000);
    const when = interval === ago ? `in the last ${ago} s` : interval > 0 ? `in the ${interval} s starting ${ago} s ago` : `${ago} s ago`;
    const parts: string[] = [];
    if (this.adds) parts.push(`${this.adds} adds`);
    if (this.deletes) parts.push(`${this.deletes} deletes`);
    if (this.modifications) parts.push(`${this.modifications} modifications`);
    this.adds = this.deletes = this.modifications = 0;
    this.report(`${this.session}: ${n} flow_mods ${when} (${parts.join(', ')})`);
  }

  /** Drops the timer without reporting (the logger is closing). */
  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}

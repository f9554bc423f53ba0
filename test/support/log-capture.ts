/**
 * A pino destination for tests: keeps every line written, raw and parsed,
 * so that a test can assert what the service logged (and what it did not:
 * the raw text is what a log collector would store).
 */

/** One log line as parsed JSON. */
export type LogLine = Record<string, unknown> & { readonly level: string; readonly msg: string };

export class LogCapture {
  readonly raw: string[] = [];
  readonly lines: LogLine[] = [];

  /** pino's DestinationStream: one call per line (with its newline). */
  write(chunk: string): void {
    this.raw.push(chunk);
    for (const text of chunk.split('\n')) if (text.trim() !== '') this.lines.push(JSON.parse(text) as LogLine);
  }

  /** Everything written, as one string. */
  get text(): string {
    return this.raw.join('');
  }

  /** The messages of the lines at 'level' (all levels if omitted). */
  messages(level?: string): string[] {
    return this.lines.filter((l) => level === undefined || l.level === level).map((l) => l.msg);
  }

  /** The first line whose message is 'msg' (or matches it). */
  find(msg: string | RegExp): LogLine | undefined {
    return this.lines.find((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(l.msg)));
  }
}

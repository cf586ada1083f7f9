/**
 * The tunnel daemon's log: one line per event,
 *
 *   HH:MM:SS.mmm LEVEL component: text
 *
 * (UTC time; components tun, ike, esp, sad, tunnel). Drops are logged with
 * their reason, but a flood of bad packets must not become a flood of
 * lines: each reason gets a few lines per second, and the next line for it
 * says how many were left out.
 */
export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type Component = "tun" | "ike" | "esp" | "sad" | "tunnel";

export interface LogSink {
  write(line: string): unknown;
}

/** Lines per reason per second before the rest are only counted. */
export const DROP_LINES_PER_SECOND = 3;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

export class TunnelLog {
  readonly #rank: number;
  readonly #sink: LogSink;
  readonly #now: () => number;
  readonly #drops = new Map<string, { second: number; lines: number; suppressed: number }>();

  constructor(level: LogLevel, sink: LogSink, now: () => number = Date.now) {
    this.#rank = LOG_LEVELS.indexOf(level);
    this.#sink = sink;
    this.#now = now;
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) <= this.#rank;
  }

  line(level: LogLevel, component: Component, text: string): void {
    if (this.enabled(level)) this.#sink.write(`${timestamp(this.#now())} ${level.toUpperCase().padEnd(5)} ${component}: ${text}\n`);
  }

  error(component: Component, text: string): void {
    this.line("error", component, text);
  }
  warn(component: Component, text: string): void {
    this.line("warn", component, text);
  }
  info(component: Component, text: string): void {
    this.line("info", component, text);
  }
  debug(component: Component, text: string): void {
    this.line("debug", component, text);
  }

  /** A dropped packet: a warning with its reason, at most DROP_LINES_PER_SECOND lines per reason and second. */
  drop(component: Component, reason: string, detail: string): void {
    const second = Math.floor(this.#now() / 1000);
    const d = this.#drops.get(reason) ?? { second, lines: 0, suppressed: 0 };
    if (d.second !== second) {
      d.second = second;
      d.lines = 0;
    }
    if (d.lines >= DROP_LINES_PER_SECOND) {
      d.suppressed++;
    } else {
      d.lines++;
      const more = d.suppressed > 0 ? ` (and ${d.suppressed} more ${reason} drops not logged)` : "";
      d.suppressed = 0;
      this.warn(component, `drop ${reason}: ${detail}${more}`);
    }
    this.#drops.set(reason, d);
  }

  /** Logs the counts of drops not yet logged (at shutdown). */
  flushDrops(): void {
    for (const [reason, d] of this.#drops) {
      if (d.suppressed > 0) this.warn("tunnel", `${d.suppressed} more ${reason} drops not logged`);
      d.suppressed = 0;
    }
  }
}

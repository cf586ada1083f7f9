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
export const LINES_PER_SECOND = 3;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

export class TunnelLog {
  readonly #rank: number;
  readonly #sink: LogSink;
  readonly #now: () => number;
  readonly #limits = new Map<string, { second: number; lines: number; suppressed: number }>();

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

  /** A dropped packet: a warning with its reason, at most LINES_PER_SECOND lines per reason and second. */
  drop(component: Component, reason: string, detail: string): void {
    this.limited("warn", component, reason, `drop ${reason}: ${detail}`);
  }

  /** A line that may repeat at packet rate: at most LINES_PER_SECOND per `key` and second, the rest counted. */
  limited(level: LogLevel, component: Component, key: string, text: string): void {
    const second = Math.floor(this.#now() / 1000);
    const d = this.#limits.get(key) ?? { second, lines: 0, suppressed: 0 };
    this.#limits.set(key, d);
    if (d.second !== second) {
      d.second = second;
      d.lines = 0;
    }
    if (d.lines >= LINES_PER_SECOND) {
      d.suppressed++;
      return;
    }
    d.lines++;
    const more = d.suppressed > 0 ? ` (and ${d.suppressed} more "${key}" lines not logged)` : "";
    d.suppressed = 0;
    this.line(level, component, text + more);
  }

  /** Logs the counts of lines not yet logged (at shutdown). */
  flushLimited(): void {
    for (const [key, d] of this.#limits) {
      if (d.suppressed > 0) this.warn("tunnel", `${d.suppressed} more "${key}" lines not logged`);
      d.suppressed = 0;
    }
  }
}

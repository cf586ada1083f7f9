/**
 * Terminal output. Colour and cursor control only on a TTY and only without
 * NO_COLOR (https://no-color.org); otherwise plain text that reads the same
 * in a CI log, a pipe or a screen reader.
 */
export interface Style {
  readonly rich: boolean;
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  /** A file path, as a clickable link where the terminal supports it. */
  link(text: string, absPath: string): string;
}

export function makeStyle(stream: NodeJS.WriteStream = process.stdout, env = process.env): Style {
  const rich = Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== "dumb";
  const wrap = (open: number, close: number) => (s: string) => (rich ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    rich,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    // OSC 8 hyperlinks: terminals that don't know them show the text alone.
    link: (text, absPath) => (rich ? `\x1b]8;;file://${absPath}\x1b\\${text}\x1b]8;;\x1b\\` : text),
  };
}

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

export const CLEAR_SCREEN = "\x1b[2J\x1b[3J\x1b[H";

/** `ipsec-course hint <id> [--level k]`: tiered hints, from a nudge to nearly the answer. */
import type { Exercise } from "../manifest.ts";

/** `more` says how to see the next tier: a flag on the command line, a key in watch mode. */
export function hintText(ex: Exercise, level: number, more?: string): string {
  const shown = Math.max(1, Math.min(level, ex.hints.length));
  const lines = ex.hints.slice(0, shown).map((h, i) => `Hint ${i + 1}/${ex.hints.length}: ${h}`);
  if (shown < ex.hints.length) lines.push(`(more: ${more ?? `--level ${shown + 1}`})`);
  else lines.push(`That was the last hint. Re-read ${ex.lesson}; the reference is solutions/${ex.files[0]}, but try once more first.`);
  return lines.join("\n");
}

/** Text views of results, shared by watch, run and verify. */
import type { Exercise } from "../manifest.ts";
import type { ExerciseResult } from "../results.ts";
import type { Style } from "./term.ts";

export function statusWord(r: ExerciseResult | undefined, s: Style): string {
  if (!r) return s.dim("not run");
  switch (r.status) {
    case "pass":
      return s.green("pass");
    case "timeout":
      return s.red("timeout");
    case "error":
      return s.red("error");
    case "fail":
      return r.notStarted ? s.yellow("todo") : s.red("fail");
  }
}

export function verdictBlock(ex: Exercise, r: ExerciseResult, s: Style, note?: string): string {
  const passedCount = r.tests.filter((t) => t.status === "pass").length;
  const lines: string[] = [];
  if (r.status === "pass") {
    lines.push(s.green(`✓ ${ex.id}: all ${r.tests.length} tests pass`) + s.dim(` (${r.durationMs} ms)`));
    lines.push(`  Learned: ${ex.learned}`);
  } else if (r.status === "fail") {
    lines.push(
      (r.notStarted ? s.yellow(`○ ${ex.id}: not started`) : s.red(`✗ ${ex.id}: ${r.tests.length - passedCount} of ${r.tests.length} tests fail`)) +
        s.dim(` (${r.durationMs} ms, seed ${r.seed})`),
    );
  } else {
    lines.push(s.red(`✗ ${ex.id}: ${r.status}`) + s.dim(` (${r.durationMs} ms)`));
  }
  if (r.status !== "pass" && r.message) {
    lines.push("");
    lines.push(...r.message.split("\n").map((l) => `  ${l}`));
  }
  if (note && r.status !== "pass") {
    lines.push("");
    lines.push(s.yellow(`  ${note}`));
  }
  return lines.join("\n");
}

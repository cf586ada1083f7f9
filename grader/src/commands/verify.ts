/** `ipsec-course verify`: every selected exercise, one after another, as a table or JSON. */
import type { Course, Exercise } from "../manifest.ts";
import type { ExerciseResult } from "../results.ts";
import { Runner } from "../runner.ts";
import { statusWord } from "../ui/report.ts";
import type { Style } from "../ui/term.ts";

export interface VerifyReport {
  readonly course: string;
  readonly implDir: string;
  readonly seed: number | null;
  readonly results: readonly ExerciseResult[];
  readonly summary: { readonly total: number; readonly passed: number; readonly points: number; readonly earned: number };
}

export async function verifyExercises(
  course: Course,
  exercises: readonly Exercise[],
  o: { implDir: string; timeoutMs?: number; seed?: number; onResult?: (r: ExerciseResult) => void },
): Promise<VerifyReport> {
  const runner = new Runner({ implDir: o.implDir, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}) });
  const results: ExerciseResult[] = [];
  try {
    for (const ex of exercises) {
      const r = await runner.run(ex);
      results.push(r);
      o.onResult?.(r);
    }
  } finally {
    runner.close();
  }
  return {
    course: course.title,
    implDir: o.implDir,
    seed: o.seed ?? null,
    results,
    summary: {
      total: results.length,
      passed: results.filter((r) => r.status === "pass").length,
      points: results.reduce((n, r) => n + r.points, 0),
      earned: results.reduce((n, r) => n + r.earned, 0),
    },
  };
}

export function verifyRow(r: ExerciseResult, s: Style): string {
  const passed = r.tests.filter((t) => t.status === "pass").length;
  const first = r.status === "pass" ? "" : (r.message ?? "").split("\n").find((l) => l.trim() && !l.includes(" > ")) ?? "";
  return `${r.id.padEnd(34)} ${statusWord(r, s).padEnd(s.rich ? 16 : 7)} ${`${passed}/${r.tests.length}`.padStart(6)} ${`${r.durationMs}ms`.padStart(7)}  ${s.dim(first.trim().slice(0, 60))}`;
}

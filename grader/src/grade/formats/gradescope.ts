/**
 * Gradescope's autograder `results.json`, one per submission
 * (its specification: gradescope/autograder_samples, docs/specs.md): a top-level
 * `score` and `execution_time`, and one test per exercise with `name`,
 * `score`, `max_score`, `status` ("passed"/"failed") and `output`.
 */
import type { SubmissionResult } from "../model.ts";

export interface GradescopeResults {
  readonly score: number;
  readonly execution_time: number;
  readonly output: string;
  readonly tests: readonly { readonly name: string; readonly number: string; readonly score: number; readonly max_score: number; readonly status: "passed" | "failed"; readonly output: string }[];
}

export function gradescope(s: SubmissionResult): GradescopeResults {
  return {
    score: s.score,
    execution_time: Math.round(s.durationMs / 1000),
    output: s.message ?? `${s.score}/${s.maxScore} points; seed ${s.results[0]?.seed ?? "-"}.`,
    tests: s.results.map((r, i) => ({
      name: r.id,
      number: String(i + 1),
      score: r.earned,
      max_score: r.points,
      status: r.status === "pass" ? "passed" : "failed",
      output: r.status === "pass" ? `all ${r.tests.length} tests pass` : `${r.status}${r.disallowed ? " (disallowed)" : ""}: ${r.message ?? ""}`,
    })),
  };
}

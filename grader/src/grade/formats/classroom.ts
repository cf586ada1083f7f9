/**
 * GitHub Classroom's autograding result, as its reporter action
 * (github-education-resources/autograding-grading-reporter, src/main.js and
 * notify-classroom.js) reads it: a JSON object, base64-encoded into the
 * `<RUNNER>_RESULTS` environment variable, with `version`, `status`
 * ("pass"/"fail"/"error"), `max_score` and `tests[]` of `name`, `status`,
 * `score`, `message`. The reporter adds up `tests[].score` against `max_score`.
 */
import type { SubmissionResult } from "../model.ts";

export interface ClassroomResults {
  readonly version: 1;
  readonly status: "pass" | "fail" | "error";
  readonly max_score: number;
  readonly tests: readonly { readonly name: string; readonly status: "pass" | "fail" | "error"; readonly score: number; readonly message: string; readonly execution_time: string; readonly test_code: string }[];
}

export function classroom(s: SubmissionResult): ClassroomResults {
  const tests = s.results.map((r) => ({
    name: r.id,
    status: r.status === "pass" ? ("pass" as const) : r.status === "fail" ? ("fail" as const) : ("error" as const),
    score: r.earned,
    message: r.status === "pass" ? "" : `${r.status}${r.disallowed ? " (disallowed)" : ""}: ${r.message ?? ""}`,
    execution_time: `${(r.durationMs / 1000).toFixed(2)}s`,
    test_code: `ipsec-course grade --seed ${r.seed} (${r.id})`,
  }));
  const status = s.status === "error" || tests.some((t) => t.status === "error") ? "error" : tests.every((t) => t.status === "pass") ? "pass" : "fail";
  return { version: 1, status: s.status === "error" ? "error" : status, max_score: s.maxScore, tests };
}

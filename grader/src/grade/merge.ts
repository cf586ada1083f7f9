/** `ipsec-course merge`: shard reports back into one class report. */
import { readFileSync } from "node:fs";
import { SCHEMA_VERSION, type GradeReport } from "./model.ts";

export class MergeError extends Error {
  override readonly name = "MergeError";
}

export function mergeReports(reports: readonly GradeReport[]): GradeReport {
  const first = reports[0];
  if (!first) throw new MergeError("nothing to merge");
  const exercises = JSON.stringify(first.exercises);
  for (const r of reports) {
    if (r.schemaVersion !== SCHEMA_VERSION) throw new MergeError(`a report has schemaVersion ${String(r.schemaVersion)}; this grader reads ${SCHEMA_VERSION}`);
    // Shards are only comparable when graded alike.
    if (r.seed !== first.seed) throw new MergeError(`the reports used different seeds (${first.seed}, ${r.seed}): grade every shard with the same --seed`);
    if (JSON.stringify(r.exercises) !== exercises) throw new MergeError("the reports graded different exercises: give every shard the same --chapters");
    if (r.timeoutMs !== first.timeoutMs) throw new MergeError("the reports used different --timeout values");
  }
  const submissions = reports.flatMap((r) => r.submissions).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  for (const s of submissions) {
    if (seen.has(s.path)) throw new MergeError(`${s.path} appears in more than one report`);
    seen.add(s.path);
  }
  return { ...first, shard: null, courseUnchanged: reports.every((r) => r.courseUnchanged), submissions };
}

export function readReport(file: string): GradeReport {
  const r = JSON.parse(readFileSync(file, "utf8")) as GradeReport;
  if (typeof r !== "object" || r === null || !Array.isArray(r.submissions)) throw new MergeError(`${file} is not a grade report (report.json)`);
  return r;
}

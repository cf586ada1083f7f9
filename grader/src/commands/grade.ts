/** `ipsec-course grade` and `ipsec-course merge`: the instructor's commands. */
import { resolve } from "node:path";
import { grade } from "../grade/grade.ts";
import type { GradeReport, SubmissionResult } from "../grade/model.ts";
import { mergeReports, readReport } from "../grade/merge.ts";
import { parseFormats, writeReports } from "../grade/formats/index.ts";
import { parseShard, shard, submissions } from "../grade/submission.ts";
import type { Course, Exercise } from "../manifest.ts";

export interface GradeArgs {
  readonly paths: readonly string[];
  readonly exercises: readonly Exercise[];
  readonly tests?: string;
  readonly jobs?: number;
  readonly timeoutMs?: number;
  readonly seed?: number;
  readonly format?: string;
  readonly out?: string;
  readonly shard?: string;
}

function line(s: SubmissionResult): string {
  const bad = s.results.filter((r) => r.status !== "pass").map((r) => `${r.id.split("/")[1]}:${r.disallowed ? "disallowed" : r.status}`);
  return `${s.name.padEnd(28)} ${`${s.score}/${s.maxScore}`.padStart(8)} ${`${(s.durationMs / 1000).toFixed(1)}s`.padStart(6)}  ${s.message ?? bad.slice(0, 4).join(" ")}${bad.length > 4 ? " ..." : ""}`;
}

/** Exit codes: 0 graded (whatever the scores), 3 when the course's own files changed during grading. */
function finish(report: GradeReport, formatText: string | undefined, out: string | undefined, log: (s: string) => void): number {
  const files = writeReports(report, parseFormats(formatText ?? "json,junit,csv,md"), resolve(out ?? "grades"));
  log(`\n${report.submissions.length} submission(s); seed ${report.seed}; wrote ${files.length} file(s) under ${resolve(out ?? "grades")}\n`);
  if (!report.courseUnchanged) {
    log("WARNING: the course's own files changed during grading: something wrote outside its scratch folder. Do not trust these results.\n");
    return 3;
  }
  return 0;
}

export async function gradeCommand(course: Course, a: GradeArgs, log: (s: string) => void): Promise<number> {
  if (a.paths.length === 0) throw new Error("name at least one submission folder");
  const formats = a.format ?? "json,junit,csv,md";
  parseFormats(formats);
  const part = a.shard ? parseShard(a.shard) : undefined;
  const all = submissions(a.paths);
  const mine = part ? shard(all, part.index, part.count) : all;
  log(`Grading ${mine.length} submission(s)${part ? ` (shard ${part.index}/${part.count} of ${all.length})` : ""} on ${a.exercises.length} exercise(s)...\n`);
  const report = await grade({
    course,
    exercises: a.exercises,
    submissions: mine,
    ...(a.tests ? { testsDir: a.tests } : {}),
    ...(a.jobs ? { jobs: a.jobs } : {}),
    ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}),
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(part ? { shard: part } : {}),
    onSubmission: (s) => log(line(s) + "\n"),
  });
  return finish(report, formats, a.out, log);
}

export function mergeCommand(files: readonly string[], format: string | undefined, out: string | undefined, log: (s: string) => void): number {
  if (files.length === 0) throw new Error("name the shard reports (report.json files) to merge");
  return finish(mergeReports(files.map(readReport)), format, out, log);
}

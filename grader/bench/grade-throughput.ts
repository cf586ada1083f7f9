/**
 * Grading throughput: full-course submissions (every exercise of the
 * manifest, a copy of the reference solutions each) graded by `grade()` at
 * --jobs 1 and --jobs 2, in submissions per minute. The reference run that
 * every `grade` starts with is timed apart. Beside it, the baseline: one plain
 * `vitest run` of the same hidden tests against one submission.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { grade } from "../src/grade/grade.ts";
import { submissions } from "../src/grade/submission.ts";
import { loadCourse } from "../src/manifest.ts";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";

const CLASS_SIZE = 8;

function plainRun(implDir: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(COURSE_ROOT, "node_modules/vitest/vitest.mjs"), "run", "-c", "grader/tests/vitest.config.ts"], {
    cwd: COURSE_ROOT,
    env: { ...process.env, NO_COLOR: "1", IPSEC_COURSE_IMPL: implDir },
    stdio: "ignore",
  });
  if (r.status !== 0) throw new Error("bench: the plain vitest run of the reference failed");
  return performance.now() - t0;
}

export async function benchGradeThroughput(): Promise<Record<string, unknown>> {
  const course = loadCourse();
  const root = mkdtempSync(join(tmpdir(), "ipsec-bench-class-"));
  const paths = Array.from({ length: CLASS_SIZE }, (_, i) => {
    const p = join(root, `learner-${i}`);
    cpSync(SOLUTIONS_DIR, p, { recursive: true });
    return p;
  });
  const subs = submissions(paths);
  const plain = [plainRun(paths[0]!), plainRun(paths[0]!)].sort((a, b) => a - b)[0]!;
  console.log(`\nGrading throughput: ${CLASS_SIZE} full-course submissions, ${course.exercises.length} exercises each (target: ≥ 60 per minute with 2 jobs)`);
  console.log(`baseline: one plain \`vitest run\` of all hidden tests against one submission: ${(plain / 1000).toFixed(2)} s (${(60_000 / plain).toFixed(1)} per minute if run one after another)`);
  const rows: Record<string, unknown>[] = [];
  for (const jobs of [1, 2]) {
    let referenceMs = 0;
    let first = 0;
    const t0 = performance.now();
    const report = await grade({
      course,
      exercises: course.exercises,
      submissions: subs,
      jobs,
      seed: 1,
      onSubmission: () => {
        first ||= performance.now();
      },
    });
    const total = performance.now() - t0;
    if (report.submissions.some((s) => s.score !== s.maxScore)) throw new Error("bench: a copy of the reference did not get full marks");
    // The reference run is over when grading of the first submission begins; estimate it from the per-submission time.
    const perSub = report.submissions.reduce((n, s) => n + s.durationMs, 0) / CLASS_SIZE;
    referenceMs = Math.max(0, first - t0 - perSub);
    const gradingMs = total - referenceMs;
    const row = {
      jobs,
      submissions: CLASS_SIZE,
      totalS: total / 1000,
      referenceRunS: referenceMs / 1000,
      perMinute: (CLASS_SIZE / gradingMs) * 60_000,
      perMinuteIncludingReference: (CLASS_SIZE / total) * 60_000,
      meanSubmissionS: perSub / 1000,
      vsPlainRun: perSub / plain,
    };
    rows.push(row);
    console.log(`--jobs ${jobs}: ${row.perMinute.toFixed(1)} submissions/min (${row.perMinuteIncludingReference.toFixed(1)} counting the reference run); ${row.meanSubmissionS.toFixed(2)} s per submission = ${row.vsPlainRun.toFixed(2)}x a plain run  ${jobs === 2 ? (row.perMinute >= 60 ? "target met" : "TARGET MISSED") : ""}`);
  }
  return { gradeThroughput: { plainRunS: plain / 1000, rows } };
}

/**
 * Grading throughput: full-course submissions (every exercise of the
 * manifest, a copy of the reference solutions each) graded by `grade()` at
 * --jobs 1 and --jobs 2, in submissions per minute: steady (once each job's
 * host is up) and end to end (the reference run and host starts included).
 * Beside it, the baseline: one plain `vitest run` of the same hidden tests
 * against one submission, as configured and with vitest's per-file isolation.
 * The machine's load average is printed with the figures: on a shared
 * machine they mean little without it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { grade } from "../src/grade/grade.ts";
import { submissions } from "../src/grade/submission.ts";
import { loadCourse } from "../src/manifest.ts";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";

const CLASS_SIZE = 12;
/** The course as planned: what the throughput would be at this many exercises, at the measured cost per exercise. */
const PLANNED_EXERCISES = 60;

/** One plain `vitest run` of every hidden test (`isolate` true: a new worker per test file, vitest's default). */
function plainRun(implDir: string, isolate: boolean): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(COURSE_ROOT, "node_modules/vitest/vitest.mjs"), "run", "-c", "grader/tests/vitest.config.ts", ...(isolate ? ["--isolate"] : [])], {
    cwd: COURSE_ROOT,
    env: { ...process.env, NO_COLOR: "1", IPSEC_COURSE_IMPL: implDir },
    stdio: "ignore",
  });
  if (r.status !== 0) throw new Error("bench: the plain vitest run of the reference failed");
  return performance.now() - t0;
}

export async function benchGradeThroughput(): Promise<Record<string, unknown>> {
  const course = loadCourse();
  const n = course.exercises.length;
  const root = mkdtempSync(join(tmpdir(), "ipsec-bench-class-"));
  const paths = Array.from({ length: CLASS_SIZE }, (_, i) => {
    const p = join(root, `learner-${i}`);
    cpSync(SOLUTIONS_DIR, p, { recursive: true });
    return p;
  });
  const subs = submissions(paths);
  const best = (f: () => number) => Math.min(f(), f());
  const plain = best(() => plainRun(paths[0]!, false));
  const plainIsolated = best(() => plainRun(paths[0]!, true));
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`\nGrading throughput: ${CLASS_SIZE} full-course submissions, ${n} exercises each (target: ≥ 60 per minute with 2 jobs); load average ${load()} on ${availableParallelism()} cores`);
  console.log(`baseline: one plain \`vitest run\` of all hidden tests against one submission, process start included: ${(plain / 1000).toFixed(2)} s as configured (one worker), ${(plainIsolated / 1000).toFixed(2)} s with --isolate (a worker per file)`);
  const rows: Record<string, unknown>[] = [];
  for (const jobs of [1, 2]) {
    const t0 = performance.now();
    let reference = 0;
    const done: number[] = [];
    const report = await grade({
      course,
      exercises: course.exercises,
      submissions: subs,
      jobs,
      seed: 1,
      onReference: () => (reference = performance.now()),
      onSubmission: () => done.push(performance.now()),
    });
    const total = performance.now() - t0;
    if (report.submissions.some((s) => s.score !== s.maxScore)) throw new Error("bench: a copy of the reference did not get full marks");
    // Steady state: the submissions finished after each job's first one (which also pays for starting its host).
    const steady = ((CLASS_SIZE - jobs) / (done.at(-1)! - done[jobs - 1]!)) * 60_000;
    const perSubmissionS = (jobs * 60) / steady;
    const row = {
      jobs,
      submissions: CLASS_SIZE,
      loadAverage: Number(load()),
      totalS: total / 1000,
      referenceRunS: (reference - t0) / 1000,
      perMinute: steady,
      perMinuteEndToEnd: (CLASS_SIZE / total) * 60_000,
      perSubmissionS,
      vsPlainRun: (perSubmissionS * 1000) / plain,
      vsPlainIsolatedRun: (perSubmissionS * 1000) / plainIsolated,
      [`perMinuteAt${PLANNED_EXERCISES}Exercises`]: (steady * n) / PLANNED_EXERCISES,
    };
    rows.push(row);
    console.log(
      `--jobs ${jobs}: ${steady.toFixed(1)} submissions/min steady (${row.perMinuteEndToEnd.toFixed(1)} end to end, reference run ${row.referenceRunS.toFixed(1)} s included); ` +
        `${perSubmissionS.toFixed(2)} s per submission per job = ${row.vsPlainRun.toFixed(2)}x a plain run, ${row.vsPlainIsolatedRun.toFixed(2)}x an isolated one; ` +
        `~${(row[`perMinuteAt${PLANNED_EXERCISES}Exercises`] as number).toFixed(0)}/min at ${PLANNED_EXERCISES} exercises; load ${row.loadAverage}  ${jobs === 2 ? (steady >= 60 ? "target met" : "TARGET MISSED") : ""}`,
    );
  }
  return { gradeThroughput: { plainRunS: plain / 1000, plainIsolatedRunS: plainIsolated / 1000, rows } };
}

/**
 * `ipsec-course grade`: many submissions, the same hidden tests, one report.
 *
 * Each job has a scratch folder and a test host (a child process, see
 * ../host/) of its own; a submission is copied into the folder and graded
 * there, all its exercises in one run when that run is clean, else one
 * exercise at a time, with a time limit each (see Slot). The worker threads
 * have a heap cap and the host keeps only the last few KB of output.
 * Before any submission, the reference
 * solutions are graded with the same seed: they must pass (else the tests,
 * private ones included, are broken), and the names of the tests they ran
 * are the roster every submission's run must match.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { randomInt } from "node:crypto";
import type { Course, Exercise } from "../manifest.ts";
import { GRADER_DIR, HIDDEN_TESTS_DIR, SOLUTIONS_DIR, SUPPORT_DIR } from "../paths.ts";
import type { ExerciseResult } from "../results.ts";
import { DEFAULT_TIMEOUT_MS, Runner } from "../runner.ts";
import { TAMPERED } from "../verdict.ts";
import { SCHEMA_VERSION, type GradedExercise, type GradeReport, type SubmissionResult } from "./model.ts";
import { fingerprint, scratchCopy, type Submission } from "./submission.ts";
import { GRADING_ENV } from "../host/grading-env.ts";

/** Longest message kept per test or exercise: a submission cannot flood the report. */
export const MESSAGE_CAP = 2000;

export interface GradeOptions {
  readonly course: Course;
  readonly exercises: readonly Exercise[];
  readonly submissions: readonly Submission[];
  /** An instructor's folder of private tests, laid out like grader/tests. */
  readonly testsDir?: string;
  readonly jobs?: number;
  readonly timeoutMs?: number;
  readonly seed?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** Called when the reference run is over and grading of the submissions begins. */
  readonly onReference?: () => void;
  readonly onSubmission?: (s: SubmissionResult) => void;
}

export class GradingError extends Error {
  override readonly name = "GradingError";
}

/** Private tests of an exercise: `<dir>/01-bytes/hex.test.ts`, `<dir>/01-bytes/hex.edge.test.ts`, `<dir>/01-bytes/hex/*.test.ts`. */
export function privateTests(dir: string | undefined): (ex: Exercise) => string[] {
  if (!dir) return () => [];
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else if (n.endsWith(".test.ts")) files.push(f);
    }
  };
  walk(dir);
  return (ex) => files.filter((f) => {
    const r = relative(dir, f).split(sep).join("/");
    return r.startsWith(`${ex.id}.`) || r.startsWith(`${ex.id}/`);
  });
}

const cap = (s: string | undefined) => (s === undefined || s.length <= MESSAGE_CAP ? s : `${s.slice(0, MESSAGE_CAP)}\n[... ${s.length - MESSAGE_CAP} more characters cut]`);

const DISALLOWED = /DisallowedImport|is not available to exercise code|Cannot (assign to read only|add property|define property|redefine property)|object is not extensible|Tampering:/;

function graded(r: ExerciseResult, roster: readonly string[] | undefined, scratchImpl: string): GradedExercise {
  // Paths name the file in the submission, not in this run's scratch folder: the same submission reads the same every time.
  const tidy = (m: string | undefined) => cap(m?.split(`${scratchImpl}/`).join("exercises/"));
  const tests = r.tests.map((t) => ({ ...t, ...(t.message !== undefined ? { message: tidy(t.message)! } : {}) }));
  let out: ExerciseResult = { ...r, tests, ...(r.message !== undefined ? { message: tidy(r.message)! } : {}) };
  // A finished run must have run exactly the tests the reference ran.
  if ((r.status === "pass" || r.status === "fail") && roster && tests.map((t) => t.name).join("\n") !== roster.join("\n")) {
    out = { ...out, status: "error", earned: 0, message: TAMPERED };
  }
  const text = [out.message ?? "", ...tests.map((t) => t.message ?? "")].join("\n");
  return { ...out, disallowed: out.status !== "pass" && DISALLOWED.test(text) };
}

/** The course's own files: if any of them changes while grading, something wrote outside its scratch folder. */
function courseFingerprint(testsDir: string | undefined): string {
  return [HIDDEN_TESTS_DIR, SOLUTIONS_DIR, SUPPORT_DIR, join(GRADER_DIR, "src"), ...(testsDir ? [testsDir] : [])].map(fingerprint).join(",");
}

/**
 * One job: a scratch folder and the test host that grades in it, reused
 * from one submission to the next. Each submission is copied into the same
 * path (so the host's `@impl` alias and import guard stay right), and its
 * first run makes the host forget every module compiled from that folder
 * and from the tests: nothing of one submission's code is left for the next.
 */
class Slot {
  readonly scratch = mkdtempSync(join(tmpdir(), "ipsec-course-grade-"));
  readonly implDir = join(this.scratch, "exercises");
  readonly runner: Runner;
  readonly #forget: string[];

  constructor(o: GradeOptions, seed: number) {
    const testsDir = o.testsDir ? resolve(o.testsDir) : undefined;
    this.#forget = [this.implDir, HIDDEN_TESTS_DIR, ...(testsDir ? [testsDir] : [])];
    this.runner = new Runner({
      implDir: this.implDir,
      cwd: this.scratch,
      seed,
      timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      extraTests: privateTests(testsDir),
      ...(testsDir ? { extraTestDirs: [testsDir] } : {}),
      env: { [GRADING_ENV]: "1" },
    });
  }

  /** Copies a folder into the scratch folder, in place of whatever was there. */
  #load(implDir: string): string[] {
    // Emptied, not removed: it is the host's working directory.
    for (const name of readdirSync(this.scratch)) rmSync(join(this.scratch, name), { recursive: true, force: true });
    return scratchCopy(implDir, this.implDir).skipped;
  }

  /**
   * All of a submission's exercises in one run; only when that run is not
   * clean (it timed out or crashed, or some exercise errored, tampered or
   * imported what it may not) is each exercise run again on its own, so a
   * hostile submission is judged exercise by exercise as always.
   */
  async grade(implDir: string, exercises: readonly Exercise[], rosters: ReadonlyMap<string, readonly string[]> | undefined, timeoutMs?: number): Promise<{ skipped: string[]; results: GradedExercise[] }> {
    const skipped = this.#load(implDir);
    const judge = (r: ExerciseResult) => graded(r, rosters?.get(r.id), this.implDir);
    const limit = timeoutMs === undefined ? {} : { timeoutMs };
    const together = exercises.length > 1 ? (await this.runner.runTogether(exercises, { ...limit, forget: this.#forget }))?.map(judge) : undefined;
    if (together?.every((r) => (r.status === "pass" || r.status === "fail") && !r.disallowed)) return { skipped, results: together };
    // The host forgot the last submission in the run above, or was replaced when that run failed.
    const first = exercises.length > 1 ? limit : { ...limit, forget: this.#forget };
    const results: GradedExercise[] = [];
    for (const [i, ex] of exercises.entries()) results.push(judge(await this.runner.run(ex, [], i === 0 ? first : limit)));
    return { skipped, results };
  }

  close(): void {
    this.runner.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * The reference solutions, graded like a submission (in the first job's
 * slot, whose host is then warm): they must pass, and give each exercise's
 * roster of tests.
 */
async function referenceRosters(slot: Slot, o: GradeOptions, seed: number): Promise<Map<string, readonly string[]>> {
  // A generous limit: a slow machine must not make the reference look broken.
  const { results } = await slot.grade(SOLUTIONS_DIR, o.exercises, undefined, Math.max(o.timeoutMs ?? DEFAULT_TIMEOUT_MS, 30_000));
  const rosters = new Map<string, readonly string[]>();
  for (const r of results) {
    if (r.status !== "pass") throw new GradingError(`the reference solution does not pass ${r.id} (seed ${seed}), so its tests cannot grade anyone:\n${r.message ?? r.status}`);
    rosters.set(r.id, r.tests.map((t) => t.name));
  }
  return rosters;
}

async function gradeOne(slot: Slot, sub: Submission, o: GradeOptions, rosters: ReadonlyMap<string, readonly string[]>): Promise<SubmissionResult> {
  const t0 = performance.now();
  const maxScore = o.exercises.reduce((n, e) => n + e.points, 0);
  const base = { name: sub.name, path: sub.path, maxScore };
  if (!existsSync(sub.implDir) || !statSync(sub.implDir).isDirectory()) {
    return { ...base, status: "error", message: `no such folder: ${sub.path}`, score: 0, durationMs: 0, unchanged: true, skipped: [], results: [] };
  }
  const before = fingerprint(sub.path);
  const { skipped, results } = await slot.grade(sub.implDir, o.exercises, rosters);
  const unchanged = fingerprint(sub.path) === before;
  return {
    ...base,
    status: unchanged ? "graded" : "error",
    ...(unchanged ? {} : { message: "The submission folder changed while it was graded; its results are void." }),
    score: unchanged ? results.reduce((n, r) => n + r.earned, 0) : 0,
    durationMs: Math.round(performance.now() - t0),
    unchanged,
    skipped,
    results,
  };
}

export async function grade(o: GradeOptions): Promise<GradeReport> {
  const seed = o.seed ?? randomInt(1, 2 ** 31);
  const courseBefore = courseFingerprint(o.testsDir);
  const slots = Array.from({ length: Math.max(1, Math.min(o.jobs ?? 1, o.submissions.length)) }, () => new Slot(o, seed));
  const out: SubmissionResult[] = new Array(o.submissions.length);
  try {
    // The other jobs' hosts start while the first grades the reference.
    for (const s of slots.slice(1)) s.runner.host.start().catch(() => undefined);
    const rosters = await referenceRosters(slots[0]!, o, seed);
    o.onReference?.();
    let next = 0;
    const worker = async (slot: Slot) => {
      for (let i = next++; i < o.submissions.length; i = next++) {
        out[i] = await gradeOne(slot, o.submissions[i]!, o, rosters);
        o.onSubmission?.(out[i]!);
      }
    };
    await Promise.all(slots.map(worker));
  } finally {
    for (const s of slots) s.close();
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    course: o.course.title,
    seed,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    exercises: o.exercises.map((e) => ({ id: e.id, title: e.title, chapter: e.chapter, points: e.points })),
    shard: o.shard ?? null,
    courseUnchanged: courseFingerprint(o.testsDir) === courseBefore,
    submissions: out,
  };
}

/**
 * `ipsec-course grade`: many submissions, the same hidden tests, one report.
 *
 * Each submission is copied to its own scratch folder and graded there by
 * its own test host (a child process, see ../host/), one exercise at a time
 * with a time limit each; the worker threads have a heap cap and the host
 * keeps only the last few KB of output. Before any submission, the reference
 * solutions are graded with the same seed: they must pass (else the tests,
 * private ones included, are broken), and the names of the tests they ran
 * are the roster every submission's run must match.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { randomInt } from "node:crypto";
import type { Course, Exercise } from "../manifest.ts";
import { GRADER_DIR, HIDDEN_TESTS_DIR, SOLUTIONS_DIR, SUPPORT_DIR } from "../paths.ts";
import type { ExerciseResult } from "../results.ts";
import { DEFAULT_TIMEOUT_MS, Runner } from "../runner.ts";
import { TAMPERED } from "../verdict.ts";
import { SCHEMA_VERSION, type GradedExercise, type GradeReport, type SubmissionResult } from "./model.ts";
import { fingerprint, scratchCopy, type Submission } from "./submission.ts";

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

async function gradeOne(sub: Submission, o: GradeOptions, seed: number, rosters: ReadonlyMap<string, readonly string[]>): Promise<SubmissionResult> {
  const t0 = performance.now();
  const maxScore = o.exercises.reduce((n, e) => n + e.points, 0);
  const base = { name: sub.name, path: sub.path, maxScore };
  if (!existsSync(sub.implDir) || !statSync(sub.implDir).isDirectory()) {
    return { ...base, status: "error", message: `no such folder: ${sub.path}`, score: 0, durationMs: 0, unchanged: true, skipped: [], results: [] };
  }
  const before = fingerprint(sub.path);
  const scratch = scratchCopy(sub.implDir);
  const testsDir = o.testsDir ? resolve(o.testsDir) : undefined;
  const runner = new Runner({
    implDir: scratch.implDir,
    cwd: scratch.dir,
    seed,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    extraTests: privateTests(testsDir),
    ...(testsDir ? { extraTestDirs: [testsDir] } : {}),
  });
  const results: GradedExercise[] = [];
  try {
    for (const ex of o.exercises) results.push(graded(await runner.run(ex), rosters.get(ex.id), scratch.implDir));
  } finally {
    runner.close();
    rmSync(scratch.dir, { recursive: true, force: true });
  }
  const unchanged = fingerprint(sub.path) === before;
  return {
    ...base,
    status: unchanged ? "graded" : "error",
    ...(unchanged ? {} : { message: "The submission folder changed while it was graded; its results are void." }),
    score: unchanged ? results.reduce((n, r) => n + r.earned, 0) : 0,
    durationMs: Math.round(performance.now() - t0),
    unchanged,
    skipped: scratch.skipped,
    results,
  };
}

/** The reference solutions, graded like a submission: they must pass, and give each exercise's roster of tests. */
async function referenceRosters(o: GradeOptions, seed: number): Promise<Map<string, readonly string[]>> {
  const runner = new Runner({ implDir: SOLUTIONS_DIR, seed, timeoutMs: Math.max(o.timeoutMs ?? DEFAULT_TIMEOUT_MS, 30_000), extraTests: privateTests(o.testsDir ? resolve(o.testsDir) : undefined), ...(o.testsDir ? { extraTestDirs: [resolve(o.testsDir)] } : {}) });
  const rosters = new Map<string, readonly string[]>();
  try {
    for (const ex of o.exercises) {
      const r = await runner.run(ex);
      if (r.status !== "pass") throw new GradingError(`the reference solution does not pass ${ex.id} (seed ${seed}), so its tests cannot grade anyone:\n${r.message ?? r.status}`);
      rosters.set(ex.id, r.tests.map((t) => t.name));
    }
  } finally {
    runner.close();
  }
  return rosters;
}

export async function grade(o: GradeOptions): Promise<GradeReport> {
  const seed = o.seed ?? randomInt(1, 2 ** 31);
  const courseBefore = courseFingerprint(o.testsDir);
  const rosters = await referenceRosters(o, seed);
  const out: SubmissionResult[] = new Array(o.submissions.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < o.submissions.length; i = next++) {
      out[i] = await gradeOne(o.submissions[i]!, o, seed, rosters);
      o.onSubmission?.(out[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs ?? 1) }, worker));
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

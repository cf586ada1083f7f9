/**
 * The gradebook's one result model: per submission, per exercise, per test.
 * Every format (json, junit, csv, md, gradescope, classroom) is derived from
 * a GradeReport; grader/schema/grade-report.schema.json documents it.
 */
import type { ExerciseResult } from "../results.ts";

export const SCHEMA_VERSION = 1;

export interface GradedExercise extends ExerciseResult {
  /** The code did something grading forbids: a disallowed import, a blocked API, a patched built-in, forged results. */
  readonly disallowed: boolean;
}

export interface SubmissionResult {
  /** Unique within the report: the folder's name, or its path when names repeat. */
  readonly name: string;
  /** The folder as given on the command line. */
  readonly path: string;
  /** "graded", or "error" when the submission could not be graded at all (its message says why). */
  readonly status: "graded" | "error";
  readonly message?: string;
  readonly score: number;
  readonly maxScore: number;
  readonly durationMs: number;
  /** The submission folder was byte for byte the same after grading as before. */
  readonly unchanged: boolean;
  /** Files not copied into the scratch folder (symbolic links, oversized files), with why. */
  readonly skipped: readonly string[];
  readonly results: readonly GradedExercise[];
}

export interface GradeReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly course: string;
  /** The seed every randomized hidden test used; `--seed` replays it. */
  readonly seed: number;
  readonly timeoutMs: number;
  readonly exercises: readonly { readonly id: string; readonly title: string; readonly chapter: string; readonly points: number }[];
  /** Which part of the class this report covers; null for the whole class. */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** The course's own files (hidden tests, solutions, grader) were unchanged after grading. */
  readonly courseUnchanged: boolean;
  readonly submissions: readonly SubmissionResult[];
}

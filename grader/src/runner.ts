/**
 * Runs exercises: the one path from "exercise id" to ExerciseResult that
 * watch, run, verify and the project's own tests all share.
 */
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { TestHost } from "./host/client.ts";
import type { Exercise } from "./manifest.ts";
import { HIDDEN_TESTS_DIR } from "./paths.ts";
import type { ExerciseResult } from "./results.ts";
import { verdict } from "./verdict.ts";

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface RunnerOptions {
  readonly implDir: string;
  readonly timeoutMs?: number;
  /** Fixed seed for the randomized tests; a fresh one per run when absent. */
  readonly seed?: number;
  /** Instructor test files graded beside an exercise's hidden tests (absolute paths). */
  readonly extraTests?: (exercise: Exercise) => readonly string[];
  readonly extraTestDirs?: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunOptions {
  /** This run's limit per exercise, in place of the runner's. */
  readonly timeoutMs?: number;
  /** Folders whose compiled modules the host drops first (see HostRun). */
  readonly forget?: readonly string[];
}

export class Runner {
  readonly host: TestHost;
  readonly implDir: string;
  readonly timeoutMs: number;
  readonly #seed: number | undefined;
  readonly #extraTests: RunnerOptions["extraTests"];

  constructor(o: RunnerOptions) {
    this.implDir = o.implDir;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#seed = o.seed;
    this.#extraTests = o.extraTests;
    this.host = new TestHost({
      implDir: o.implDir,
      timeoutMs: this.timeoutMs,
      ...(o.extraTestDirs ? { extraTestDirs: o.extraTestDirs } : {}),
      ...(o.cwd ? { cwd: o.cwd } : {}),
      ...(o.env ? { env: o.env } : {}),
    });
  }

  #files(exercise: Exercise): string[] {
    return [...exercise.tests.map((t) => join(HIDDEN_TESTS_DIR, t)), ...(this.#extraTests?.(exercise) ?? [])];
  }

  async run(exercise: Exercise, invalidate: readonly string[] = [], o: RunOptions = {}): Promise<ExerciseResult> {
    const seed = this.#seed ?? randomInt(1, 2 ** 31);
    const files = this.#files(exercise);
    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const outcome = await this.host.run(files, invalidate, seed, { ...o, timeoutMs });
    return verdict({ exercise, implDir: this.implDir, seed, timeoutMs, files }, outcome);
  }

  /**
   * Runs several exercises in one test run (one worker thread, fresh modules
   * for each test file), with the sum of their time limits, and gives each
   * its own verdict, exactly as `run` would. When the run as a whole did not
   * finish cleanly (a timeout, a crash, an error outside any test), nobody
   * can say which exercise caused it: the answer is undefined, and the
   * caller runs the exercises one by one instead.
   */
  async runTogether(exercises: readonly Exercise[], o: RunOptions = {}): Promise<ExerciseResult[] | undefined> {
    const seed = this.#seed ?? randomInt(1, 2 ** 31);
    const timeoutMs = o.timeoutMs ?? this.timeoutMs;
    const each = exercises.map((exercise) => ({ exercise, files: this.#files(exercise) }));
    const outcome = await this.host.run(each.flatMap((e) => e.files), [], seed, { ...o, timeoutMs: timeoutMs * exercises.length });
    if (outcome.kind !== "done" || outcome.unhandled.length > 0) return undefined;
    return each.map(({ exercise, files }) => {
      const modules = outcome.modules.filter((m) => files.includes(m.file));
      const ms = modules.reduce((n, m) => n + m.durationMs, 0);
      return verdict({ exercise, implDir: this.implDir, seed, timeoutMs, files }, { ...outcome, modules, ms });
    });
  }

  close(): void {
    this.host.close();
  }
}

/** When an exercise fails and one it builds on fails too, say so: fix that one first. */
export function dependencyNote(exercise: Exercise, isPassing: (id: string) => boolean | undefined): string | undefined {
  const broken = exercise.depends.filter((d) => isPassing(d) === false);
  if (broken.length === 0) return undefined;
  return `This exercise uses your code from ${broken.join(", ")}, which does not pass yet: fix ${broken.length === 1 ? "it" : "those"} first.`;
}

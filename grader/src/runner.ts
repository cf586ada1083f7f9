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

  async run(exercise: Exercise, invalidate: readonly string[] = []): Promise<ExerciseResult> {
    const seed = this.#seed ?? randomInt(1, 2 ** 31);
    const files = [...exercise.tests.map((t) => join(HIDDEN_TESTS_DIR, t)), ...(this.#extraTests?.(exercise) ?? [])];
    const outcome = await this.host.run(files, invalidate, seed);
    return verdict({ exercise, implDir: this.implDir, seed, timeoutMs: this.timeoutMs, files }, outcome);
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

/**
 * The one result model. Every report (watch screen, `run`, `verify --json`,
 * and later the instructor's gradebook formats) is derived from these types,
 * shaped like exercism's test-runner results: per test, in file order.
 */
export type TestStatus = "pass" | "fail" | "error" | "skip";
export type ExerciseStatus = "pass" | "fail" | "error" | "timeout";

export interface TestResult {
  /** "step 1: ... > the seed's initiator SPI" */
  readonly name: string;
  readonly file: string;
  readonly status: TestStatus;
  /** What the learner reads: a teaching message, never a raw stack trace. */
  readonly message?: string;
  readonly durationMs: number;
}

export interface ExerciseResult {
  readonly id: string;
  readonly status: ExerciseStatus;
  /** Every test failed only because of todo(): the learner has not started. */
  readonly notStarted: boolean;
  readonly tests: readonly TestResult[];
  /** The first thing to fix, for the one-message views. */
  readonly message?: string;
  readonly durationMs: number;
  readonly points: number;
  readonly earned: number;
  readonly seed: number;
}

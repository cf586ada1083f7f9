/** Messages between the grader and its long-lived test host (a child process). */
import type { Observed } from "./witness.ts";

export interface HostInit {
  readonly type: "init";
  readonly implDir: string;
  readonly extraTestDirs: readonly string[];
  readonly testTimeoutMs: number;
}

export interface HostRun {
  readonly type: "run";
  readonly reqId: number;
  /** Absolute paths of the test files to run. */
  readonly files: readonly string[];
  /** Absolute paths of source files changed since the last run. */
  readonly invalidate: readonly string[];
  readonly seed: number;
}

export interface RawError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface RawTest {
  readonly id: string;
  readonly name: string;
  readonly state: "passed" | "failed" | "skipped" | "pending";
  readonly errors: readonly RawError[];
  readonly durationMs: number;
}

export interface RawModule {
  readonly file: string;
  readonly state: string;
  readonly errors: readonly RawError[];
  readonly tests: readonly RawTest[];
}

export type HostReply =
  | { readonly type: "ready" }
  | {
      readonly type: "result";
      readonly reqId: number;
      readonly modules: readonly RawModule[];
      readonly unhandled: readonly RawError[];
      /** What the witness saw each test function do, by test id. */
      readonly witness: Readonly<Record<string, Observed>>;
    }
  | { readonly type: "fatal"; readonly error: RawError };

export type HostRequest = HostInit | HostRun;

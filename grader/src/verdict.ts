/**
 * Turns what the test host saw into an ExerciseResult a learner can read.
 * The rule that matters: an exercise passes only if its tests ran and every
 * one of them passed. No tests, a crash, a timeout, a module that failed to
 * load: none of these is ever a pass.
 */
import { relative, sep } from "node:path";
import type { HostOutcome } from "./host/client.ts";
import type { RawError, RawModule } from "./host/protocol.ts";
import type { Exercise } from "./manifest.ts";
import { COURSE_ROOT, HIDDEN_TESTS_DIR } from "./paths.ts";
import type { ExerciseResult, ExerciseStatus, TestResult } from "./results.ts";
import { WORKER_HEAP_MB } from "./host/warm-pool.ts";

export interface VerdictContext {
  readonly exercise: Exercise;
  readonly implDir: string;
  readonly seed: number;
  readonly timeoutMs: number;
  /** Absolute paths of the test files that had to run. */
  readonly files: readonly string[];
}

export const TAMPERED =
  "Tampering: the test run reported a pass that the tests themselves did not produce. Code that rewrites the test framework's results is not accepted.";

function rel(path: string): string {
  const r = relative(COURSE_ROOT, path);
  return r.startsWith("..") ? path : r;
}

/** A hidden test as "01-bytes/hex.test.ts"; an instructor's private test by its path. */
function testLabel(file: string): string {
  const r = relative(HIDDEN_TESTS_DIR, file);
  return r.startsWith("..") ? rel(file) : r;
}

/** The first stack frame inside the learner's folder, as "exercises/01-bytes/hex.ts:14:7". */
function learnerFrame(stack: string | undefined, implDir: string): string | undefined {
  if (!stack) return undefined;
  // Stack frames carry forward slashes on every system (C:/Users/... on Windows).
  const prefix = `${implDir.split(sep).join("/")}/`;
  for (const line of stack.split("\n")) {
    const m = /\(?((?:file:\/\/\/?)?(?:[A-Za-z]:)?\/[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const file = m[1]!.replace(/^file:\/\/\/?(?=[A-Za-z]:)|^file:\/\//, "");
    if (file.startsWith(prefix)) return `${rel(file)}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/** Paths relative to the course (short and clickable), and no terminal colour codes. */
function tidy(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.split(COURSE_ROOT + "/").join("").replace(/\x1b\[[0-9;]*m/g, "");
}

function explainError(e: RawError, implDir: string): string {
  if (e.name === "TodoError") {
    const where = learnerFrame(e.stack, implDir);
    return `${e.message}: replace the todo() call with your code.${where ? `\n  at ${where}` : ""}`;
  }
  if (e.name === "TeachingError") return e.message;
  const where = learnerFrame(e.stack, implDir);
  const typed = ["TruncatedError", "FieldError", "TextFormatError"].includes(e.name);
  const lead = typed
    ? `Your code rejected valid input with ${e.name}: ${e.message}`
    : e.name === "AssertionError"
      ? e.message
      : `Your code threw ${e.name}: ${tidy(e.message)}`;
  return where ? `${lead}\n  at ${where}` : lead;
}

function moduleProblem(m: RawModule, implDir: string): string | undefined {
  if (m.errors.length === 0) return undefined;
  const e = m.errors[0]!;
  const text = tidy(`${e.name === "Error" ? "" : `${e.name}: `}${e.message}`);
  const where = learnerFrame(e.stack, implDir);
  return `Your code could not be loaded, so none of the tests in ${rel(m.file)} ran:\n${text}${where ? `\n  at ${where}` : ""}\n` +
    "Look for a syntax error, an exception thrown at the top level of a file, or an import of something that does not exist.";
}

export function verdict(ctx: VerdictContext, outcome: HostOutcome): ExerciseResult {
  const { exercise, implDir, seed } = ctx;
  const base = { id: exercise.id, points: exercise.points, seed, durationMs: Math.round(outcome.ms) };
  if (outcome.kind === "timeout") {
    return {
      ...base,
      status: "timeout",
      notStarted: false,
      tests: [],
      earned: 0,
      message:
        `Stopped after ${Math.round(ctx.timeoutMs / 1000)} s without an answer. Your code is probably stuck in a loop: ` +
        "a while loop whose condition never changes, or a reader whose position never advances.",
    };
  }
  if (outcome.kind === "crash") {
    const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY|heap limit/i.test(`${outcome.reason}\n${outcome.stderr ?? ""}`);
    return {
      ...base,
      status: "error",
      notStarted: false,
      tests: [],
      earned: 0,
      message: oom
        ? `Your code used more than ${WORKER_HEAP_MB} MB of memory and was stopped: look for a loop that keeps appending to an array or buffer.`
        : `The test process failed: ${tidy(outcome.reason)}`,
    };
  }
  const tests: TestResult[] = [];
  let problem: string | undefined;
  let allTodo = true;
  for (const m of outcome.modules) {
    problem ??= moduleProblem(m, implDir);
    for (const t of m.tests) {
      // Reported as passed, yet the witness did not see the test function
      // return: something rewrote the test run's results (see host/witness.ts).
      if (t.state === "passed" && outcome.witness[t.id] !== "returned") {
        problem ??= TAMPERED;
        tests.push({ name: t.name, file: testLabel(m.file), status: "error", durationMs: Math.round(t.durationMs), message: TAMPERED });
        allTodo = false;
        continue;
      }
      const err = t.errors[0];
      if (t.state !== "passed" && err?.name !== "TodoError") allTodo = false;
      const status = t.state === "passed" ? "pass" : t.state === "failed" ? (err && err.name !== "TeachingError" && err.name !== "AssertionError" && err.name !== "TodoError" ? "error" : "fail") : "skip";
      tests.push({
        name: t.name,
        file: testLabel(m.file),
        status,
        durationMs: Math.round(t.durationMs),
        ...(err ? { message: explainError(err, implDir) } : t.state === "failed" ? { message: "failed without an error message" } : {}),
      });
    }
  }
  const unhandled = outcome.unhandled[0];
  if (!problem && unhandled) {
    problem = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(unhandled.message)
      ? `Your code used more than ${WORKER_HEAP_MB} MB of memory and was stopped: look for a loop that keeps appending to an array or buffer.`
      : `An error escaped the tests: ${explainError(unhandled, implDir)}`;
  }
  const ran = new Set(outcome.modules.map((m) => m.file));
  const missing = ctx.files.filter((f) => !ran.has(f));
  if (!problem && missing.length > 0) problem = `These hidden test files did not run: ${missing.map(testLabel).join(", ")}.`;
  if (!problem && tests.length === 0) problem = "No test ran, so nothing can be counted as passed.";
  const failing = tests.filter((t) => t.status !== "pass");
  let status: ExerciseStatus;
  if (problem) status = "error";
  else status = failing.length === 0 ? "pass" : "fail";
  const notStarted = status === "fail" && allTodo;
  const first = failing[0];
  return {
    ...base,
    status,
    notStarted,
    tests,
    earned: status === "pass" ? exercise.points : 0,
    ...(problem ? { message: problem } : first ? { message: `${first.name}\n\n${first.message ?? ""}` } : {}),
  };
}

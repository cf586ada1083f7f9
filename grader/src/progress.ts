/**
 * Progress, derived from test results only.
 *
 * A verdict is cached under a hash of everything it depends on: the
 * exercise's files, the files of the exercises it builds on, and its hidden
 * tests. Change any of them and the cached verdict no longer applies, so the
 * exercise is re-run before it counts. Nothing here is a "done" flag a
 * learner could flip; `verify` and instructors' grading never read it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Course, Exercise } from "./manifest.ts";
import { GRADER_DIR, HIDDEN_TESTS_DIR, STATE_DIR } from "./paths.ts";
import type { ExerciseResult, ExerciseStatus } from "./results.ts";

/** One cache per implementation folder, so testing solutions/ or a copy never touches the learner's progress. */
function cacheFile(implDir: string): string {
  return join(STATE_DIR, `progress-${createHash("sha256").update(implDir).digest("hex").slice(0, 12)}.json`);
}

/** What a learner's progress records: a result's status, or "todo" while every test still meets todo(). */
export type Progress = ExerciseStatus | "todo";

interface Entry {
  readonly hash: string;
  readonly status: Progress;
}

function progressOf(r: ExerciseResult): Progress {
  return r.notStarted ? "todo" : r.status;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "\0missing";
  }
}

/** The exercise and everything it builds on, each once, dependencies first. */
function closure(course: Course, ex: Exercise): Exercise[] {
  const out: Exercise[] = [];
  const visit = (e: Exercise) => {
    if (out.includes(e)) return;
    for (const d of e.depends) visit(course.byId(d)!);
    out.push(e);
  };
  visit(ex);
  return out;
}

function fingerprint(course: Course, ex: Exercise, implDir: string): string {
  const h = createHash("sha256");
  for (const e of closure(course, ex)) {
    for (const f of e.files) h.update(`impl:${f}\0${readOr(join(implDir, f))}\0`);
  }
  for (const t of ex.tests) h.update(`test:${t}\0${readOr(join(HIDDEN_TESTS_DIR, t))}\0`);
  h.update(readOr(join(GRADER_DIR, "course.json")));
  return h.digest("hex");
}

export class ProgressCache {
  #entries: Record<string, Entry>;
  readonly #course: Course;
  readonly #implDir: string;

  constructor(course: Course, implDir: string) {
    this.#course = course;
    this.#implDir = implDir;
    try {
      const raw = JSON.parse(readFileSync(cacheFile(implDir), "utf8")) as { implDir?: string; entries?: Record<string, Entry> };
      this.#entries = raw.implDir === implDir && raw.entries ? raw.entries : {};
    } catch {
      this.#entries = {};
    }
  }

  /** The cached status if it still applies to the files as they are now. */
  get(ex: Exercise): Progress | undefined {
    const e = this.#entries[ex.id];
    return e && e.hash === fingerprint(this.#course, ex, this.#implDir) ? e.status : undefined;
  }

  record(ex: Exercise, result: ExerciseResult): void {
    this.#entries[ex.id] = { hash: fingerprint(this.#course, ex, this.#implDir), status: progressOf(result) };
    mkdirSync(STATE_DIR, { recursive: true });
    const file = cacheFile(this.#implDir);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ implDir: this.#implDir, entries: this.#entries }, null, 2));
    renameSync(tmp, file);
  }

  doneCount(): number {
    return this.#course.exercises.filter((e) => this.get(e) === "pass").length;
  }
}

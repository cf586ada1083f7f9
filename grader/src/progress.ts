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
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
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

/**
 * Digests of the files a fingerprint covers, reused while a file's size,
 * inode and times (in nanoseconds) stay the same. Watch mode asks for every
 * later exercise's progress after each pass and on every redraw; without this
 * it would read and hash the whole course each time.
 */
const digests = new Map<string, { stamp: string; digest: string }>();

function fileDigest(path: string): string {
  let stamp: string;
  try {
    const st = statSync(path, { bigint: true });
    stamp = `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return "missing";
  }
  const known = digests.get(path);
  if (known?.stamp === stamp) return known.digest;
  // Stat before read: if the file changes in between, the next stat differs and it is hashed again.
  const digest = createHash("sha256").update(readFileSync(path)).digest("hex");
  digests.set(path, { stamp, digest });
  return digest;
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
    for (const f of e.files) h.update(`impl:${f}\0${fileDigest(join(implDir, f))}\0`);
  }
  for (const t of ex.tests) h.update(`test:${t}\0${fileDigest(join(HIDDEN_TESTS_DIR, t))}\0`);
  h.update(`manifest\0${fileDigest(join(GRADER_DIR, "course.json"))}`);
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

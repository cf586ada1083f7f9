/**
 * The course manifest, `grader/course.json`: the one list of chapters and
 * exercises. Every command reads it through `loadCourse()`, which checks it
 * so that a typo in the manifest is caught by `npm test`, not by a learner.
 */
import { readFileSync } from "node:fs";
import { MANIFEST_PATH } from "./paths.ts";

export interface Exercise {
  /** `NN-topic/name`: also the path of its stub, solution, test and lesson section. */
  readonly id: string;
  readonly title: string;
  /** Files the learner edits, relative to the implementation folder. */
  readonly files: readonly string[];
  /** Hidden test files, relative to grader/tests. */
  readonly tests: readonly string[];
  /** Lesson file and anchor, e.g. `lessons/01-bytes.md#hex`. */
  readonly lesson: string;
  /** Two or three hints, from a nudge to nearly the answer. */
  readonly hints: readonly string[];
  readonly points: number;
  /** Exercises whose code this one imports: when they fail, this one may too. */
  readonly depends: readonly string[];
  /** One line shown when the exercise passes: what was learned. */
  readonly learned: string;
  readonly minutes: number;
  /** Filled in by the loader. */
  readonly chapter: string;
  readonly index: number;
}

export interface Chapter {
  /** `NN-topic`. */
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly lesson: string;
  readonly exercises: readonly Exercise[];
}

export interface Course {
  readonly title: string;
  readonly chapters: readonly Chapter[];
  readonly exercises: readonly Exercise[];
  byId(id: string): Exercise | undefined;
}

export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

type Json = Record<string, unknown>;

function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.length === 0) throw new ManifestError(`${where}: "${key}" must be a non-empty string`);
  return v;
}

function strs(o: Json, key: string, where: string, min: number, max = Infinity): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length < min || v.length > max || !v.every((x) => typeof x === "string" && x.length > 0)) {
    throw new ManifestError(`${where}: "${key}" must be a list of ${min}${max === Infinity ? " or more" : ` to ${max}`} strings`);
  }
  return v as string[];
}

function num(o: Json, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) throw new ManifestError(`${where}: "${key}" must be a positive integer`);
  return v;
}

export function parseCourse(raw: unknown): Course {
  if (typeof raw !== "object" || raw === null) throw new ManifestError("course.json must hold an object");
  const root = raw as Json;
  const chaptersRaw = root.chapters;
  if (!Array.isArray(chaptersRaw)) throw new ManifestError(`course.json: "chapters" must be a list`);
  const seen = new Set<string>();
  const chapters: Chapter[] = [];
  const all: Exercise[] = [];
  for (const c of chaptersRaw as Json[]) {
    const id = str(c, "id", "chapter");
    const m = /^(\d\d)-[a-z0-9-]+$/.exec(id);
    if (!m) throw new ManifestError(`chapter "${id}": id must look like NN-topic`);
    const exercises: Exercise[] = [];
    const list = c.exercises;
    if (!Array.isArray(list)) throw new ManifestError(`chapter ${id}: "exercises" must be a list`);
    for (const e of list as Json[]) {
      const eid = str(e, "id", `chapter ${id}`);
      const where = `exercise ${eid}`;
      if (!eid.startsWith(`${id}/`) || !/^[a-z0-9-]+$/.test(eid.slice(id.length + 1))) {
        throw new ManifestError(`${where}: id must be "${id}/<name>" in lower case`);
      }
      if (seen.has(eid)) throw new ManifestError(`${where}: listed twice`);
      const depends = e.depends === undefined ? [] : strs(e, "depends", where, 0);
      for (const d of depends) {
        if (!seen.has(d)) throw new ManifestError(`${where}: depends on "${d}", which is not listed before it`);
      }
      seen.add(eid);
      const ex: Exercise = {
        id: eid,
        title: str(e, "title", where),
        files: strs(e, "files", where, 1),
        tests: strs(e, "tests", where, 1),
        lesson: str(e, "lesson", where),
        hints: strs(e, "hints", where, 2, 3),
        points: num(e, "points", where),
        depends,
        learned: str(e, "learned", where),
        minutes: num(e, "minutes", where),
        chapter: id,
        index: all.length,
      };
      exercises.push(ex);
      all.push(ex);
    }
    chapters.push({ id, number: Number(m[1]), title: str(c, "title", `chapter ${id}`), lesson: str(c, "lesson", `chapter ${id}`), exercises });
  }
  const byId = new Map(all.map((e) => [e.id, e]));
  return { title: str(root, "title", "course.json"), chapters, exercises: all, byId: (id) => byId.get(id) };
}

let cached: Course | undefined;

export function loadCourse(path = MANIFEST_PATH): Course {
  if (path === MANIFEST_PATH && cached) return cached;
  const course = parseCourse(JSON.parse(readFileSync(path, "utf8")));
  if (path === MANIFEST_PATH) cached = course;
  return course;
}

/** Parses `--chapter 2`, `--chapters 01-03` or `--chapters 1,3,5` into chapter numbers. */
export function parseChapterSelection(text: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new ManifestError(`"${text}" is not a chapter list: use 3, 03-06 or 1,3,5`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let n = Math.min(lo, hi); n <= Math.max(lo, hi); n++) out.add(n);
  }
  return out;
}

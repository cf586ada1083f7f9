/** Where things are: every path the grader uses is derived from the course root here. */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const COURSE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const GRADER_DIR = join(COURSE_ROOT, "grader");
export const HIDDEN_TESTS_DIR = join(GRADER_DIR, "tests");
export const SUPPORT_DIR = join(GRADER_DIR, "support");
export const TEACH_ENTRY = join(GRADER_DIR, "src/teach/index.ts");
export const MANIFEST_PATH = join(GRADER_DIR, "course.json");
export const EXERCISES_DIR = join(COURSE_ROOT, "exercises");
export const SOLUTIONS_DIR = join(COURSE_ROOT, "solutions");
/** Local state that is never committed: progress cache, pristine stubs. Tests point it elsewhere. */
export const STATE_DIR = process.env.IPSEC_COURSE_STATE_DIR ?? join(COURSE_ROOT, ".ipsec-course");
export const PRISTINE_DIR = join(STATE_DIR, "pristine", "exercises");

/**
 * Resolves `--impl`: "exercises", "solutions", or a folder. A folder may be a
 * whole clone of the course (it has an `exercises/` inside) or just the
 * `exercises/` folder itself.
 */
export function resolveImpl(impl: string | undefined): string {
  if (impl === undefined || impl === "exercises") return EXERCISES_DIR;
  if (impl === "solutions") return SOLUTIONS_DIR;
  if (impl === "pristine") return PRISTINE_DIR;
  return implFolder(isAbsolute(impl) ? impl : resolve(process.cwd(), impl));
}

/** A learner's folder: a whole clone of the course (use its `exercises/`), or the `exercises/` folder itself. */
export function implFolder(dir: string): string {
  const nested = join(dir, "exercises");
  return existsSync(nested) && existsSync(join(dir, "package.json")) ? nested : dir;
}

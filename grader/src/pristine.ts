/**
 * The stubs as shipped. `npm install` copies `exercises/` to
 * `.ipsec-course/pristine/` once, before any edit, so `reset` can restore a
 * stub and the project's own tests can check that every *shipped* stub fails
 * even after a learner has solved their own copy. Files already in the copy
 * are never overwritten; new exercises from a course update are added.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { EXERCISES_DIR, PRISTINE_DIR } from "./paths.ts";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Adds any stub not yet in the pristine copy; returns how many were added. */
export function snapshotPristine(): number {
  let added = 0;
  for (const file of walk(EXERCISES_DIR)) {
    const target = join(PRISTINE_DIR, relative(EXERCISES_DIR, file));
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    added++;
  }
  return added;
}

export function pristinePath(file: string): string | undefined {
  const p = join(PRISTINE_DIR, file);
  return existsSync(p) ? p : undefined;
}

/** Shared helpers for the project's own tests. */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";

export const BIN = join(COURSE_ROOT, "grader/bin/ipsec-course.js");

export function cli(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: COURSE_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: 120_000,
    input: "",
  });
}

/** A throwaway implementation folder: a copy of `from` with some files replaced. */
export function implCopy(from: string = SOLUTIONS_DIR, replace: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ipsec-course-impl-"));
  cpSync(from, dir, { recursive: true });
  for (const [file, text] of Object.entries(replace)) writeFileSync(join(dir, file), text);
  return dir;
}

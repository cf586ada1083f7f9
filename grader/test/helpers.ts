/** Shared helpers for the project's own tests. */
import { execFile, spawnSync, type ChildProcessWithoutNullStreams, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";

export const BIN = join(COURSE_ROOT, "grader/bin/ipsec-course.js");

const cliOptions = (env: Record<string, string>, timeoutMs: number) => ({ cwd: COURSE_ROOT, encoding: "utf8" as const, env: { ...process.env, NO_COLOR: "1", ...env }, timeout: timeoutMs });

export function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { ...cliOptions(env, timeoutMs), input: "" });
}

/** `cli` without waiting: independent commands run side by side. */
export function cliAsync(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], cliOptions(env, timeoutMs), (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/**
 * The output of a running `ipsec-course` process, read as it arrives. Checks
 * run on each chunk of output rather than in a polling loop, so a benchmark
 * does not steal a core from what it measures.
 */
export class Screen {
  text = "";
  /** The last match `waitFor` found, for reading its groups. */
  match: RegExpExecArray | undefined;
  readonly proc: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  #wake = () => {};

  constructor(proc: ChildProcessWithoutNullStreams) {
    this.proc = proc;
    const take = (d: Buffer) => {
      this.text += d.toString();
      this.#wake();
    };
    proc.stdout.on("data", take);
    proc.stderr.on("data", take);
    this.exited = new Promise((r) => proc.on("exit", (code) => r(code)));
  }

  /** Waits until the output since `from` matches `re`; returns the offset just after the match. */
  waitFor(re: RegExp, from: number, ms = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; screen so far:\n${this.text.slice(from).slice(-3000)}`)), ms);
      this.#wake = () => {
        const m = re.exec(this.text.slice(from));
        if (!m) return;
        clearTimeout(timer);
        this.#wake = () => {};
        this.match = m;
        resolve(from + m.index + m[0].length);
      };
      this.#wake();
    });
  }

  key(k: string): void {
    this.proc.stdin.write(k);
  }
}

/** A throwaway implementation folder: a copy of `from` with some files replaced. */
export function implCopy(from: string = SOLUTIONS_DIR, replace: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ipsec-course-impl-"));
  cpSync(from, dir, { recursive: true });
  for (const [file, text] of Object.entries(replace)) writeFileSync(join(dir, file), text);
  return dir;
}

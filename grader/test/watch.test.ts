/**
 * Watch mode end to end, as a learner meets it: a real child process in a
 * pseudo-terminal (util-linux `script`), files saved the way editors save
 * them, keys typed, and the screen read back.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { COURSE_ROOT, PRISTINE_DIR, SOLUTIONS_DIR } from "../src/paths.ts";
import { snapshotPristine } from "../src/pristine.ts";
import { BIN, implCopy, Screen } from "./helpers.ts";

const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Saves like vim and JetBrains do: write a temporary file, then rename it over the original. */
function saveByRename(path: string, text: string): void {
  const tmp = `${path}.swp~`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const solution = (f: string) => readFileSync(join(SOLUTIONS_DIR, f), "utf8");
let screen: Screen | undefined;
afterEach(async () => {
  if (screen && screen.proc.exitCode === null) {
    screen.proc.kill("SIGKILL");
    await screen.exited;
  }
  screen = undefined;
});

function startWatch(implDir: string, tty: boolean, extraEnv: Record<string, string> = {}, extraArgs: string[] = []): Screen {
  const state = mkdtempSync(join(tmpdir(), "ipsec-course-state-"));
  const { NO_COLOR: _inherited, ...base } = process.env;
  const env = { ...base, IPSEC_COURSE_STATE_DIR: state, TERM: "xterm-256color", ...extraEnv };
  const cmd = [process.execPath, BIN, "watch", "--impl", implDir, "--timeout", "3", ...extraArgs];
  const proc = tty
    ? spawn("script", ["-qfec", cmd.map((a) => `'${a}'`).join(" "), "/dev/null"], { cwd: COURSE_ROOT, env })
    : spawn(cmd[0]!, cmd.slice(1), { cwd: COURSE_ROOT, env });
  return new Screen(proc);
}

describe.skipIf(!hasScript)("watch mode in a terminal", () => {
  test("opens on the first exercise, reacts to saves, survives loops and syntax errors, advances on a pass", async () => {
    snapshotPristine();
    const dir = implCopy(PRISTINE_DIR);
    const s = (screen = startWatch(dir, true));
    let at = await s.waitFor(/Exercise 1\/\d+: 01-bytes\/hex/, 0);
    at = await s.waitFor(/01-bytes\/hex: not started/, at);
    expect(s.text).toContain("\x1b[2J"); // a real terminal gets a redrawn screen

    // Tests run without type checking; the type error is reported beside the verdict.
    writeFileSync(join(dir, "01-bytes/hex.ts"), 'export function toHex(bytes: Uint8Array): string { return bytes.length; }\nexport function fromHex(text: string): Uint8Array { return new Uint8Array(text.length); }\n');
    at = await s.waitFor(/01-bytes\/hex: \d+ of \d+ tests fail/, at);
    at = await s.waitFor(/TypeScript reports 1 type error\(s\) in 01-bytes\/hex[^]*hex\.ts:1:\d+ Type 'number' is not assignable to type 'string'/, at);

    saveByRename(join(dir, "01-bytes/hex.ts"), solution("01-bytes/hex.ts"));
    at = await s.waitFor(/01-bytes\/hex passed\. Learned:/, at);
    at = await s.waitFor(/Exercise 2\/\d+: 01-bytes\/integers/, at);
    at = await s.waitFor(/\] 1\/\d+/, at - 400);

    writeFileSync(join(dir, "01-bytes/integers.ts"), "export function readU8(): number { for (;;) {} }\n");
    at = await s.waitFor(/Stopped after 3 s without an answer/, at);

    writeFileSync(join(dir, "01-bytes/integers.ts"), "export function readU8(: number {\n");
    at = await s.waitFor(/Your code could not be loaded/, at);

    s.key("h");
    at = await s.waitFor(/Hint 1\/\d+:/, at);
    s.key("n");
    at = await s.waitFor(/n moves on once this exercise passes/, at);
    s.key("r");
    at = await s.waitFor(/Your code could not be loaded/, at);

    saveByRename(join(dir, "01-bytes/integers.ts"), solution("01-bytes/integers.ts"));
    at = await s.waitFor(/01-bytes\/integers passed/, at);
    at = await s.waitFor(/Exercise 3\/\d+: 01-bytes\/ipv4-address/, at);

    s.key("l");
    at = await s.waitFor(/◀ you are here/, at);
    s.key(" ");
    s.key("q");
    await s.waitFor(/Bye\./, at);
    expect(await s.exited).toBe(0);
  });
});

describe("watch mode without a terminal", () => {
  test("prints plain text, no escape codes, and quits on a typed q", async () => {
    snapshotPristine();
    const dir = implCopy(PRISTINE_DIR);
    const s = (screen = startWatch(dir, false));
    const at = await s.waitFor(/01-bytes\/hex: not started/, 0);
    s.key("q\n");
    await s.waitFor(/Bye\./, at);
    expect(await s.exited).toBe(0);
    expect(s.text).not.toContain("\x1b");
  });
  test("--poll sees saves on file systems without change events", async () => {
    snapshotPristine();
    const dir = implCopy(PRISTINE_DIR);
    const s = (screen = startWatch(dir, false, {}, ["--poll"]));
    let at = await s.waitFor(/01-bytes\/hex: not started/, 0);
    writeFileSync(join(dir, "01-bytes/hex.ts"), solution("01-bytes/hex.ts"));
    at = await s.waitFor(/01-bytes\/hex passed/, at);
    s.key("q\n");
    await s.waitFor(/Bye\./, at);
  });
  test("NO_COLOR in a terminal also means plain text", async () => {
    const dir = implCopy(PRISTINE_DIR);
    const s = (screen = startWatch(dir, hasScript, { NO_COLOR: "1" }));
    const at = await s.waitFor(/01-bytes\/hex: not started/, 0);
    s.key("q");
    await s.waitFor(/Bye\./, at);
    expect(s.text).not.toMatch(/\x1b\[/);
  });
});

/**
 * Code that loops, hoards memory, exits, fails to load, floods the output,
 * copies the answer or tampers with the tests must never be reported as a
 * pass, must never hang the grader, and must be named for what it did.
 * Each fixture in fixtures/hostile replaces 01-bytes/hex.ts in a copy of the
 * reference solutions, so everything else around it is correct.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadCourse } from "../src/manifest.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import type { ExerciseResult } from "../src/results.ts";
import { Runner } from "../src/runner.ts";
import { implCopy } from "./helpers.ts";

const hex = loadCourse().byId("01-bytes/hex")!;
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures/hostile", `${name}.ts`), "utf8");
const runners: Runner[] = [];
afterAll(() => runners.forEach((r) => r.close()));

async function grade(hexSource: string, extra: Record<string, string> = {}, timeoutMs = 4000): Promise<ExerciseResult> {
  const dir = implCopy(SOLUTIONS_DIR, { "01-bytes/hex.ts": hexSource, ...extra });
  const runner = new Runner({ implDir: dir, timeoutMs });
  runners.push(runner);
  const t0 = Date.now();
  const r = await runner.run(hex);
  // The grader itself must come back within the limit plus a restart.
  expect(Date.now() - t0).toBeLessThan(timeoutMs + 15_000);
  expect(r.status).not.toBe("pass");
  expect(r.earned).toBe(0);
  return r;
}

describe("hostile implementations are reported for what they did, never as a pass", () => {
  test("an infinite loop is stopped and reported as a timeout", async () => {
    const r = await grade(fixture("loop"), {}, 2000);
    expect(r.status).toBe("timeout");
    expect(r.message).toMatch(/stuck in a loop/);
  });
  test("memory exhaustion is stopped and named", async () => {
    const r = await grade(fixture("memory"), {}, 30_000);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/memory/);
  });
  test("process.exit(0) is an error in the tests that call it", async () => {
    const r = await grade(fixture("exit"));
    expect(r.status).toBe("fail");
    expect(r.tests.some((t) => t.status === "error" && /process\.exit/.test(t.message ?? ""))).toBe(true);
  });
  test("a module that throws while loading is an error", async () => {
    const r = await grade(fixture("throw-at-import"));
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/refuses to load/);
  });
  test("a syntax error is reported with its place", async () => {
    const r = await grade(fixture("syntax-error"));
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/hex\.ts/);
  });
  test("re-exporting the reference solution is refused", async () => {
    const r = await grade(fixture("copies-solution"));
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/DisallowedImport.*reference solution/s);
  });
  test("reaching the reference solution by a relative path is refused too", async () => {
    const dir = implCopy(SOLUTIONS_DIR);
    const path = relative(join(dir, "01-bytes"), join(SOLUTIONS_DIR, "01-bytes/hex.ts"));
    const r = await grade(`export { fromHex, toHex } from "${path}";\n`);
    expect(r.message).toMatch(/DisallowedImport/);
  });
  test("importing the test framework is refused", async () => {
    const r = await grade(fixture("skips-tests"));
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/DisallowedImport.*"vitest"/s);
  });
  test("patching Object.is and Array.prototype is refused: the built-ins are frozen", async () => {
    const r = await grade(fixture("patches-globals"));
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/read only property 'is'/);
  });
  test("printing megabytes changes nothing: a correct answer that floods the output still passes", async () => {
    const dir = implCopy(SOLUTIONS_DIR, { "01-bytes/hex-real.ts": readFileSync(join(SOLUTIONS_DIR, "01-bytes/hex.ts"), "utf8"), "01-bytes/hex.ts": fixture("flood") });
    const runner = new Runner({ implDir: dir, timeoutMs: 30_000 });
    runners.push(runner);
    const r = await runner.run(hex);
    expect(r.status, r.message).toBe("pass");
  });
  test("after a timeout the next run works again (the host was replaced)", async () => {
    const dir = implCopy(SOLUTIONS_DIR, { "01-bytes/hex.ts": fixture("loop") });
    const runner = new Runner({ implDir: dir, timeoutMs: 2000 });
    runners.push(runner);
    expect((await runner.run(hex)).status).toBe("timeout");
    const ok = loadCourse().byId("01-bytes/integers")!;
    expect((await runner.run(ok)).status).toBe("pass");
  });
});

/**
 * Instructor grading (`ipsec-course grade`, `merge`): the hostile corpus is
 * never a pass and never hangs; an honest submission graded beside it keeps
 * its full score; every report format is well formed; shards merge back
 * into the whole class; the same seed gives the same results.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { grade, MESSAGE_CAP, privateTests } from "../src/grade/grade.ts";
import type { GradeReport, SubmissionResult } from "../src/grade/model.ts";
import { shard, submissions, type Submission } from "../src/grade/submission.ts";
import { loadCourse } from "../src/manifest.ts";
import { COURSE_ROOT, EXERCISES_DIR, SOLUTIONS_DIR } from "../src/paths.ts";
import type { ExerciseResult } from "../src/results.ts";
import { Runner } from "../src/runner.ts";
import { cli, cliAsync, implCopy } from "./helpers.ts";
import { schemaProblems, xmlProblems } from "./schema-check.ts";

const course = loadCourse();
const HOSTILE = join(import.meta.dirname, "fixtures/hostile");
const PROBE = join(tmpdir(), "ipsec-course-escape-probe.txt");
const schema = JSON.parse(readFileSync(join(COURSE_ROOT, "grader/schema/grade-report.schema.json"), "utf8")) as Record<string, unknown>;

/** A class folder: one submission per entry, each a copy of the solutions with 01-bytes/hex.ts replaced. */
function classFolder(cases: Record<string, string | null>): string {
  const root = mkdtempSync(join(tmpdir(), "ipsec-course-class-"));
  for (const [name, hex] of Object.entries(cases)) {
    const dir = join(root, name);
    cpSync(SOLUTIONS_DIR, dir, { recursive: true });
    if (hex !== null) writeFileSync(join(dir, "01-bytes/hex.ts"), hex);
  }
  return root;
}

describe("the hostile corpus, graded as a class", () => {
  // flood.ts is the watch runner's case (a correct answer that floods); it needs a sibling file.
  const corpus = readdirSync(HOSTILE).filter((f) => f.endsWith(".ts") && f !== "flood.ts").map((f) => basename(f, ".ts"));
  let report: GradeReport;
  const by = (name: string): SubmissionResult => report.submissions.find((s) => s.name === name)!;

  test("is graded within its time limits, with the honest submission untouched by the others", async () => {
    rmSync(PROBE, { force: true });
    const root = classFolder({ honest: null, ...Object.fromEntries(corpus.map((c) => [c, readFileSync(join(HOSTILE, `${c}.ts`), "utf8")])) });
    // A symbolic link to the reference solution is not followed into the scratch copy.
    rmSync(join(root, "copies-solution", "01-bytes/hex.ts"));
    mkdirSync(join(root, "symlink"));
    cpSync(join(root, "honest"), join(root, "symlink"), { recursive: true });
    rmSync(join(root, "symlink/01-bytes/hex.ts"));
    symlinkSync(join(SOLUTIONS_DIR, "01-bytes/hex.ts"), join(root, "symlink/01-bytes/hex.ts"));
    writeFileSync(join(root, "copies-solution", "01-bytes/hex.ts"), readFileSync(join(HOSTILE, "copies-solution.ts"), "utf8"));
    const t0 = Date.now();
    report = await grade({
      course,
      exercises: [course.byId("01-bytes/hex")!],
      submissions: submissions(readdirSync(root).map((n) => join(root, n))),
      jobs: 2,
      timeoutMs: 6000,
      seed: 2024,
    });
    expect(Date.now() - t0).toBeLessThan(180_000);
    expect(schemaProblems(report, schema)).toEqual([]);
    expect(report.courseUnchanged).toBe(true);
    expect(report.submissions.every((s) => s.unchanged)).toBe(true);
    expect(by("honest").score).toBe(10);
  });

  test("no hostile submission earns a point", () => {
    for (const s of report.submissions.filter((x) => x.name !== "honest")) {
      expect(s.score, s.name).toBe(0);
      expect(s.results[0]!.status, `${s.name}: ${s.results[0]!.message}`).not.toBe("pass");
    }
  });

  test("each is named for what it did", () => {
    const r = (name: string) => by(name).results[0]!;
    expect(r("loop").status).toBe("timeout");
    expect(["error", "timeout"]).toContain(r("memory").status);
    expect(r("exit").tests.some((t) => /process\.exit/.test(t.message ?? ""))).toBe(true);
    expect(r("throw-at-import").message).toMatch(/refuses to load/);
    expect(r("syntax-error").status).toBe("error");
    expect(r("function-import").status).toBe("error");
    expect(r("imports-hidden-tests").status).toBe("error");
    for (const c of ["forge-results", "expect-fail", "escape-fs", "copies-solution", "skips-tests", "patches-globals", "patches-crypto"]) {
      expect(r(c).disallowed, `${c}: ${r(c).message}`).toBe(true);
    }
    expect(r("forge-results").message).toMatch(/Tampering/);
    expect(r("expect-fail").message).toMatch(/Tampering/);
    expect(r("escape-fs").message).toMatch(/getBuiltinModule is not available/);
    expect(existsSync(PROBE)).toBe(false);
    expect(by("symlink").skipped.join("\n")).toMatch(/01-bytes\/hex\.ts: a symbolic link/);
    expect(r("symlink").status).toBe("error");
  });

  test("a flood of output is cut short in the report", () => {
    const f = by("flood-wrong").results[0]!;
    expect(f.status).not.toBe("pass");
    expect(JSON.stringify(f).length).toBeLessThan(f.tests.length * (MESSAGE_CAP + 500) + 4000);
  });
});

/** A result without its timings, which are the only thing allowed to differ between two gradings. */
const timeless = (r: ExerciseResult) => ({ ...r, durationMs: 0, tests: r.tests.map((t) => ({ ...t, durationMs: 0 })) });

describe("one job grades submission after submission in the same folder and host", () => {
  test("no submission's result depends on the one graded before it in that job", async () => {
    const chapter1 = course.exercises.filter((e) => e.chapter === "01-bytes");
    // pass: the reference; stub: nothing written; nohex: the reference without hex.ts.
    const root = mkdtempSync(join(tmpdir(), "ipsec-course-slot-"));
    const sub = (name: string, from: string): Submission => {
      cpSync(from, join(root, name), { recursive: true });
      return { name, path: join(root, name), implDir: join(root, name) };
    };
    const [pass, stub, nohex] = [sub("pass", SOLUTIONS_DIR), sub("stub", EXERCISES_DIR), sub("nohex", SOLUTIONS_DIR)];
    rmSync(join(nohex.path, "01-bytes/hex.ts"));
    // The job's first load is the reference; then each submission twice, after two different ones.
    const order = [pass, stub, nohex, pass, nohex, stub];
    const graded = (await grade({ course, exercises: chapter1, submissions: order, jobs: 1, seed: 5 })).submissions;
    expect(graded.map((s) => s.score)).toEqual([60, 0, 50, 60, 50, 0]);
    expect(graded[1]!.results.every((r) => r.notStarted)).toBe(true);
    expect(graded[2]!.results[0]!.status).toBe("error");
    for (const name of ["pass", "stub", "nohex"]) {
      const [first, second] = graded.filter((s) => s.name === name).map((s) => s.results.map(timeless));
      expect(second, name).toEqual(first);
    }
  });

  test("a submission whose combined run is not clean is graded exercise by exercise", async () => {
    const root = classFolder(Object.fromEntries(["loop", "copies-solution", "forge-results"].map((c) => [c, readFileSync(join(HOSTILE, `${c}.ts`), "utf8")])));
    const exercises = ["01-bytes/hex", "01-bytes/integers"].map((id) => course.byId(id)!);
    const t0 = Date.now();
    const report = await grade({ course, exercises, submissions: submissions(readdirSync(root).map((n) => join(root, n))), jobs: 1, timeoutMs: 3000, seed: 3 });
    // The loop: the combined run's limit (2 x 3 s), then hex alone (3 s), with room for host restarts.
    expect(Date.now() - t0).toBeLessThan(90_000);
    const r = (name: string) => report.submissions.find((x) => x.name === name)!.results;
    expect(r("loop").map((x) => x.status)).toEqual(["timeout", "pass"]);
    expect(r("copies-solution")[0]!.disallowed).toBe(true);
    expect(r("forge-results")[0]!.message).toMatch(/Tampering/);
    for (const name of ["loop", "copies-solution", "forge-results"]) expect(r(name).map((x) => x.earned), name).toEqual([0, 10]);
  });

  test("all exercises in one run give the verdicts of one run each, with fresh modules for every test file", async () => {
    // hex.ts counts how often it is loaded; two private test files of 01-bytes/hex each require a first load.
    const counting = `${readFileSync(join(SOLUTIONS_DIR, "01-bytes/hex.ts"), "utf8")}\nexport let loads = 0;\nloads++;\n`;
    const dir = implCopy(SOLUTIONS_DIR, { "01-bytes/hex.ts": counting, "01-bytes/integers.ts": readFileSync(join(EXERCISES_DIR, "01-bytes/integers.ts"), "utf8") });
    const tests = mkdtempSync(join(tmpdir(), "ipsec-course-private-"));
    mkdirSync(join(tests, "01-bytes/hex"), { recursive: true });
    for (const n of ["a", "b"]) {
      writeFileSync(join(tests, `01-bytes/hex/${n}.test.ts`), `import { test } from "vitest";\nimport * as hex from "@impl/01-bytes/hex.ts";\ntest("${n}: a fresh module", () => {\n  const { loads } = hex as unknown as { loads: number };\n  if (loads !== 1) throw new Error(\`hex.ts was loaded \${loads} times\`);\n});\n`);
    }
    const exercises = ["01-bytes/hex", "01-bytes/integers", "02-isakmp-header/version-flags"].map((id) => course.byId(id)!);
    const runner = new Runner({ implDir: dir, seed: 9, timeoutMs: 30_000, extraTests: privateTests(tests), extraTestDirs: [tests] });
    try {
      const together = await runner.runTogether(exercises);
      expect(together?.map((r) => r.status)).toEqual(["pass", "fail", "pass"]);
      expect(together![0]!.tests.filter((t) => / a fresh module$/.test(t.name)).map((t) => t.status)).toEqual(["pass", "pass"]);
      const alone: ExerciseResult[] = [];
      for (const ex of exercises) alone.push(await runner.run(ex));
      expect(together!.map(timeless)).toEqual(alone.map(timeless));
    } finally {
      runner.close();
    }
  });
});

describe("shards", () => {
  test("split a class deterministically into disjoint parts that cover it", () => {
    const names = Array.from({ length: 7 }, (_, i) => `/class/s${i}`);
    const parts = [1, 2, 3].map((i) => shard(names, i, 3));
    expect(parts.flat().sort()).toEqual([...names].sort());
    expect(parts.map((p) => p.length)).toEqual([3, 2, 2]);
    expect(shard(names, 2, 3)).toEqual(shard([...names].reverse().sort(), 2, 3));
  });
});

describe("ipsec-course grade and merge", () => {
  const root = mkdtempSync(join(tmpdir(), "ipsec-course-grade-cli-"));
  const alice = join(root, "alice");
  const bob = join(root, "bob");
  cpSync(SOLUTIONS_DIR, alice, { recursive: true });
  // bob hands in a whole clone: package.json plus exercises/ (the stubs).
  mkdirSync(bob);
  writeFileSync(join(bob, "package.json"), "{}\n");
  cpSync(EXERCISES_DIR, join(bob, "exercises"), { recursive: true });
  const chapter2 = course.exercises.filter((e) => e.chapter === "02-isakmp-header");
  const args = ["--chapters", "2", "--seed", "77", "--tests", join(import.meta.dirname, "fixtures/private-tests"), "--jobs", "2"];
  const out = (n: string) => join(root, `out-${n}`);
  const read = (n: string, f: string) => readFileSync(join(out(n), f), "utf8");

  test("writes every format, each well formed", () => {
    const r = cli(["grade", alice, bob, ...args, "--format", "json,junit,csv,md,gradescope,classroom", "--out", out("all")]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(read("all", "report.json")) as GradeReport;
    expect(schemaProblems(report, schema)).toEqual([]);
    expect(report.submissions.map((s) => [s.name, s.score])).toEqual([["alice", chapter2.length * 10], ["bob", 0]]);
    // The private test ran beside the hidden ones.
    const cookie = report.submissions[0]!.results.find((x) => x.id === "02-isakmp-header/cookie")!;
    expect(cookie.tests.some((t) => t.name.startsWith("private: cookies in class"))).toBe(true);
    expect(xmlProblems(read("all", "junit.xml"))).toEqual([]);
    expect(read("all", "junit.xml")).toMatch(/<testsuite name="bob\/02-isakmp-header\/header"[^>]*failures="[1-9]/);
    const rows = read("all", "grades.csv").trim().split("\r\n").map((l) => l.split(","));
    expect(rows[0]).toEqual(["submission", ...chapter2.map((e) => e.id), "score", "max_score", "status"]);
    expect(rows.slice(1).map((x) => x[0])).toEqual(["alice", "bob"]);
    expect(read("all", "summary.md")).toMatch(/\| alice \| 50\/50 \|/);
    for (const who of ["alice", "bob"]) {
      const gs = JSON.parse(read("all", `gradescope/${who}/results.json`)) as { score: number; execution_time: number; tests: Record<string, unknown>[] };
      expect(typeof gs.score).toBe("number");
      expect(typeof gs.execution_time).toBe("number");
      for (const t of gs.tests) for (const k of ["name", "score", "max_score", "status", "output"]) expect(t).toHaveProperty(k);
      const cr = JSON.parse(Buffer.from(read("all", `classroom/${who}.b64`), "base64").toString()) as { version: number; status: string; max_score: number; tests: { score: number; status: string }[] };
      expect(cr.version).toBe(1);
      expect(cr.max_score).toBe(50);
      expect(cr.tests.reduce((n, t) => n + t.score, 0)).toBe(who === "alice" ? 50 : 0);
      expect(cr.status).toBe(who === "alice" ? "pass" : "fail");
    }
  });

  test("two shards merged equal the whole class, result for result (the same seed replays the same run)", async () => {
    const shards = await Promise.all([1, 2].map((i) => cliAsync(["grade", bob, alice, ...args, "--shard", `${i}/2`, "--out", out(`s${i}`)])));
    for (const r of shards) expect(r.status, r.stderr).toBe(0);
    const m = cli(["merge", join(out("s1"), "report.json"), join(out("s2"), "report.json"), "--out", out("merged")]);
    expect(m.status, m.stderr).toBe(0);
    const strip = (r: GradeReport) => r.submissions.map((s) => ({ ...s, durationMs: 0, results: s.results.map((x) => ({ ...x, durationMs: 0, tests: x.tests.map((t) => ({ ...t, durationMs: 0 })) })) }));
    const whole = JSON.parse(read("all", "report.json")) as GradeReport;
    const merged = JSON.parse(read("merged", "report.json")) as GradeReport;
    expect(merged.shard).toBeNull();
    expect(strip(merged)).toEqual(strip(whole));
  });

  test("usage errors: a bad shard, an unknown format, reports graded with different seeds", async () => {
    const other = JSON.parse(read("s1", "report.json")) as GradeReport;
    const file = join(root, "other-seed.json");
    writeFileSync(file, JSON.stringify({ ...other, seed: 1 }));
    const [shardArg, format, r] = await Promise.all([
      cliAsync(["grade", alice, "--shard", "3/2"]),
      cliAsync(["grade", alice, "--format", "pdf"]),
      cliAsync(["merge", join(out("s2"), "report.json"), file, "--out", out("bad")]),
    ]);
    expect(shardArg.status).toBe(2);
    expect(format.status).toBe(2);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/different seeds/);
  });
});

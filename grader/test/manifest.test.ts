/**
 * The manifest is the one list everything reads: check that it agrees with
 * the files on disk, so that a learner never meets a broken link or an
 * exercise whose stub and solution disagree.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadCourse, parseChapterSelection, parseCourse } from "../src/manifest.ts";
import { COURSE_ROOT, EXERCISES_DIR, HIDDEN_TESTS_DIR, SOLUTIONS_DIR } from "../src/paths.ts";

const course = loadCourse();

describe("course.json", () => {
  test("lists chapters 00-02 and at least 10 exercises", () => {
    expect(course.chapters.map((c) => c.id).slice(0, 3)).toEqual(["00-welcome", "01-bytes", "02-isakmp-header"]);
    expect(course.exercises.length).toBeGreaterThanOrEqual(10);
  });

  test.each(course.exercises.map((e) => [e.id, e] as const))("%s: one name, four places", (_id, ex) => {
    const [chapter, name] = ex.id.split("/");
    expect(ex.chapter).toBe(chapter);
    expect(ex.files).toContain(`${ex.id}.ts`);
    expect(ex.tests).toContain(`${ex.id}.test.ts`);
    expect(ex.lesson).toBe(`lessons/${chapter}.md#${name}`);
    for (const f of ex.files) {
      expect(existsSync(join(EXERCISES_DIR, f)), `stub ${f}`).toBe(true);
      expect(existsSync(join(SOLUTIONS_DIR, f)), `solution ${f}`).toBe(true);
    }
    for (const t of ex.tests) expect(existsSync(join(HIDDEN_TESTS_DIR, t)), `test ${t}`).toBe(true);
    const lesson = readFileSync(join(COURSE_ROOT, `lessons/${chapter}.md`), "utf8");
    expect(lesson, `lesson anchor #${name}`).toContain(`<a id="${name}"></a>`);
    expect(ex.hints.every((h) => !h.startsWith("HINT-")), "hints written").toBe(true);
    expect(ex.learned).not.toBe("LEARNED-LINE");
  });

  test.each(course.exercises.map((e) => [e.id, e] as const))("%s: stub and solution export the same names", async (_id, ex) => {
    for (const f of ex.files) {
      const stub = (await import(join(EXERCISES_DIR, f))) as Record<string, unknown>;
      const sol = (await import(join(SOLUTIONS_DIR, f))) as Record<string, unknown>;
      expect(Object.keys(stub).sort()).toEqual(Object.keys(sol).sort());
    }
  });

  test("every stub starts with its exercise id and lesson link, and uses todo()", () => {
    for (const ex of course.exercises) {
      const text = readFileSync(join(EXERCISES_DIR, ex.files[0]!), "utf8");
      expect(text, ex.id).toContain(`Exercise ${ex.id}`);
      expect(text, ex.id).toContain(`Lesson: ${ex.lesson}`);
      expect(text, ex.id).toContain("todo(");
    }
  });

  test("every chapter has its lesson", () => {
    for (const ch of course.chapters) expect(existsSync(join(COURSE_ROOT, ch.lesson)), ch.lesson).toBe(true);
  });
});

describe("manifest validation catches authoring mistakes", () => {
  const good = {
    id: "01-x/a",
    title: "t",
    files: ["01-x/a.ts"],
    tests: ["01-x/a.test.ts"],
    lesson: "lessons/01-x.md#a",
    hints: ["one", "two"],
    points: 1,
    minutes: 5,
    learned: "l",
  };
  const wrap = (exercises: unknown[]) => ({ title: "c", chapters: [{ id: "01-x", title: "x", lesson: "lessons/01-x.md", exercises }] });

  test("a valid manifest parses", () => {
    expect(parseCourse(wrap([good])).exercises).toHaveLength(1);
  });
  test("duplicate ids, forward dependencies, missing hints and bad ids are refused", () => {
    expect(() => parseCourse(wrap([good, good]))).toThrow(/listed twice/);
    expect(() => parseCourse(wrap([{ ...good, depends: ["01-x/b"] }]))).toThrow(/not listed before it/);
    expect(() => parseCourse(wrap([{ ...good, hints: ["only one"] }]))).toThrow(/hints/);
    expect(() => parseCourse(wrap([{ ...good, id: "02-y/a" }]))).toThrow(/must be "01-x\/<name>"/);
  });
  test("chapter selections", () => {
    expect([...parseChapterSelection("03-06")]).toEqual([3, 4, 5, 6]);
    expect([...parseChapterSelection("1,3")]).toEqual([1, 3]);
    expect(() => parseChapterSelection("three")).toThrow();
  });
});

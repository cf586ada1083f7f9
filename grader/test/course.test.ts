/**
 * The promise every exercise makes: its hidden tests fail on the stub as
 * shipped and pass on the reference solution, run through the very runner
 * a learner's `npm start` uses. The stubs come from the pristine copy made at
 * install time, so this holds even in a clone where the learner has solved
 * their own exercises.
 */
import { afterAll, describe, expect, test } from "vitest";
import { loadCourse } from "../src/manifest.ts";
import { PRISTINE_DIR, SOLUTIONS_DIR } from "../src/paths.ts";
import { snapshotPristine } from "../src/pristine.ts";
import { Runner } from "../src/runner.ts";

const course = loadCourse();
snapshotPristine();
const stubs = new Runner({ implDir: PRISTINE_DIR, timeoutMs: 30_000 });
const solutions = new Runner({ implDir: SOLUTIONS_DIR, timeoutMs: 30_000 });
afterAll(() => {
  stubs.close();
  solutions.close();
});

describe.each(course.exercises.map((e) => [e.id, e] as const))("%s", (_id, ex) => {
  test("the shipped stub fails, and says it is not written yet", async () => {
    const r = await stubs.run(ex);
    expect(r.status, r.message).toBe("fail");
    expect(r.notStarted, r.message).toBe(true);
    expect(r.tests.length).toBeGreaterThan(0);
  });
  test("the reference solution passes every test", async () => {
    const r = await solutions.run(ex);
    expect(r.status, r.message).toBe("pass");
    expect(r.tests.length).toBeGreaterThanOrEqual(3);
    expect(r.earned).toBe(ex.points);
  });
});

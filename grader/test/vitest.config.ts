/**
 * The project's own test suite (`npm test`): the grader, the teaching
 * assertions, and the course itself (every shipped stub fails its hidden
 * tests, every solution passes them, through the same runner learners use).
 */
import { defineConfig } from "vitest/config";
import { hiddenTestAliases } from "../src/host/vitest-options.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";

export default defineConfig({
  resolve: { alias: hiddenTestAliases(SOLUTIONS_DIR) },
  test: {
    include: ["grader/test/**/*.test.ts"],
    // Fixtures are graded by the tests, not run as tests (an instructor's private test lives there).
    exclude: ["grader/test/fixtures/**"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./grader/test/summary-reporter.ts"],
  },
});

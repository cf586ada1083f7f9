/**
 * The interop suite (`npm run test:interop`, and the last step of `npm test`):
 * our reference code checked by programs nobody here wrote. Files run one at
 * a time: several of them create network namespaces and daemons.
 */
import { defineConfig } from "vitest/config";
import { hiddenTestAliases } from "../src/host/vitest-options.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";

export default defineConfig({
  resolve: { alias: hiddenTestAliases(SOLUTIONS_DIR) },
  test: {
    include: ["grader/interop/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", "./grader/test/summary-reporter.ts"],
  },
});

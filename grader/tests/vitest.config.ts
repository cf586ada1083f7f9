/**
 * Runs the hidden tests with plain vitest, for course authors:
 *   IPSEC_COURSE_IMPL=solutions npx vitest run -c grader/tests/vitest.config.ts 01-bytes
 * Learners use `ipsec-course run <id>`; this file reads the same options.
 */
import { defineConfig } from "vitest/config";
import { hiddenTestAliases, hiddenTestConfig } from "../src/host/vitest-options.ts";
import { resolveImpl } from "../src/paths.ts";

const implDir = resolveImpl(process.env.IPSEC_COURSE_IMPL ?? "solutions");
const { watch: _watch, ...test } = hiddenTestConfig({ implDir });

export default defineConfig({
  resolve: { alias: hiddenTestAliases(implDir) },
  test: { ...test, silent: false },
});

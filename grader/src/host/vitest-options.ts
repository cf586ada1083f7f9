/**
 * The one place that says how hidden tests are run: which files, which
 * aliases, which pool. The long-lived host, one-shot runs, the benchmark's
 * cold baseline and `grader/tests/vitest.config.ts` all take it from here.
 */
import type { InlineConfig } from "vitest/node";
import { fileURLToPath } from "node:url";
import { COURSE_ROOT, HIDDEN_TESTS_DIR, SOLUTIONS_DIR, SUPPORT_DIR, TEACH_ENTRY } from "../paths.ts";

const WITNESS_RUNNER = fileURLToPath(new URL("./witness-runner.ts", import.meta.url));
const HARDEN_SETUP = fileURLToPath(new URL("./harden.ts", import.meta.url));

export interface HiddenTestOptions {
  /** Folder the `@impl/...` imports point at: exercises/, solutions/ or a submission. */
  readonly implDir: string;
  /** Extra folders of instructor tests, graded beside the hidden ones. */
  readonly extraTestDirs?: readonly string[];
  /** Per-test timeout in milliseconds (async tests only; loops are the host's job). */
  readonly testTimeoutMs?: number;
}

/** The crypto packages learners may import; aliased so a submission outside the course tree finds them too. */
export const CRYPTO_PACKAGES = ["@noble/hashes", "@noble/ciphers"] as const;

export function hiddenTestAliases(implDir: string): { find: string | RegExp; replacement: string }[] {
  return [
    { find: /^@impl\//, replacement: `${implDir}/` },
    ...CRYPTO_PACKAGES.map((p) => ({ find: new RegExp(`^${p}/`), replacement: `${COURSE_ROOT}/node_modules/${p}/` })),
    { find: /^@ref\//, replacement: `${SOLUTIONS_DIR}/` },
    { find: /^@course\//, replacement: `${SUPPORT_DIR}/` },
    { find: /^@teach$/, replacement: TEACH_ENTRY },
  ];
}

export function hiddenTestConfig(o: HiddenTestOptions): InlineConfig {
  return {
    root: COURSE_ROOT,
    dir: COURSE_ROOT,
    include: [`${HIDDEN_TESTS_DIR}/**/*.test.ts`, ...(o.extraTestDirs ?? []).map((d) => `${d}/**/*.test.ts`)],
    testTimeout: o.testTimeoutMs ?? 5000,
    hookTimeout: o.testTimeoutMs ?? 5000,
    // Tests inside one file run in order: a test file reads as a story, and
    // the first failure is the one the learner sees.
    sequence: { concurrent: false, shuffle: false },
    maxWorkers: 1,
    fileParallelism: false,
    watch: false,
    silent: true,
    passWithNoTests: false,
    // The witness and the hardening: see witness.ts and harden.ts.
    runner: WITNESS_RUNNER,
    setupFiles: [HARDEN_SETUP],
  };
}

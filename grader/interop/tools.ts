/**
 * The interop suite checks our bytes with programs nobody here wrote
 * (tshark, strongSwan, ike-scan). On a learner's machine those programs may be
 * missing, or the tests may need root for network namespaces: the suite then
 * skips with one line saying why. CI sets IPSEC_COURSE_REQUIRE_TOOLS=1, and
 * there a missing tool is a failure, never a silent skip.
 */
import { spawnSync } from "node:child_process";
import { describe, test } from "vitest";

export const TOOLS_REQUIRED = process.env.IPSEC_COURSE_REQUIRE_TOOLS === "1";

export function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

export interface Requirements {
  /** Programs that must be on PATH. */
  readonly tools?: readonly string[];
  /** Network namespaces and TUN devices need root. */
  readonly root?: boolean;
  /** Further conditions, each returning why it is unmet (e.g. `tunUnavailable`) or undefined. */
  readonly checks?: readonly (() => string | undefined)[];
}

function unmet(req: Requirements): string[] {
  const missing = (req.tools ?? []).filter((t) => !hasTool(t)).map((t) => `${t} is not installed`);
  if (req.root && process.getuid?.() !== 0) missing.push("this suite needs root (network namespaces)");
  for (const check of req.checks ?? []) {
    const why = check();
    if (why !== undefined) missing.push(why);
  }
  return missing;
}

/**
 * `describe` for an interop suite: runs `body` when every requirement is met;
 * otherwise skips with a one-line notice, or, in CI, fails one test naming
 * what is missing.
 */
export function interopSuite(name: string, req: Requirements, body: () => void): void {
  const missing = unmet(req);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (TOOLS_REQUIRED) {
    describe(name, () => {
      test("the tools it needs are present", () => {
        throw new Error(`${missing.join("; ")} (IPSEC_COURSE_REQUIRE_TOOLS=1 makes this a failure)`);
      });
    });
    return;
  }
  process.stderr.write(`interop: skipping "${name}": ${missing.join("; ")}\n`);
  describe.skip(name, body);
}

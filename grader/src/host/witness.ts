/**
 * The witness: how the test host knows what the tests really did.
 *
 * Learner code runs in the same worker thread as the hidden tests, and
 * everything vitest reports from that thread (task objects, the messages to
 * the host) is reachable and rewritable from learner code at run time. So
 * the verdict does not rest on it alone. A custom test runner, loaded before
 * any learner module, runs each test function itself and records whether it
 * returned or threw, in a closure learner code cannot reach. It writes that
 * record, signed with a key only the host and the runner know (handed over
 * in the worker's `workerData`, which learner code has no way to read), to a
 * folder of the host's. A test is a pass only if vitest says so *and* the
 * witness saw its function return.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Observed = "returned" | "threw";

export interface WitnessData {
  readonly witnessDir: string;
  readonly witnessKey: string;
}

export interface WitnessRecord {
  readonly outcomes: Readonly<Record<string, Observed>>;
  readonly mac: string;
}

export function sign(key: string, outcomes: Readonly<Record<string, Observed>>): string {
  return createHmac("sha256", key).update(JSON.stringify(outcomes)).digest("hex");
}

/** The host's side: one folder and key per host process. */
export class Witness {
  readonly data: WitnessData = {
    witnessDir: mkdtempSync(join(tmpdir(), "ipsec-course-witness-")),
    witnessKey: randomBytes(32).toString("hex"),
  };

  /** Everything recorded since the last collect, checked and removed. Records with a bad signature are ignored. */
  collect(): Record<string, Observed> {
    const all: Record<string, Observed> = {};
    for (const name of readdirSync(this.data.witnessDir)) {
      const file = join(this.data.witnessDir, name);
      try {
        const rec = JSON.parse(readFileSync(file, "utf8")) as WitnessRecord;
        if (rec.mac === sign(this.data.witnessKey, rec.outcomes)) Object.assign(all, rec.outcomes);
      } catch {
        // A torn or forged record witnesses nothing.
      }
      rmSync(file, { force: true });
    }
    return all;
  }

  dispose(): void {
    rmSync(this.data.witnessDir, { recursive: true, force: true });
  }
}

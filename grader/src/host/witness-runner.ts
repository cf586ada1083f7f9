/**
 * The test runner of the hidden tests (vitest's own, plus the witness; see
 * witness.ts). Loaded by vitest before the setup file and the test files, so
 * the references it keeps are the originals, not anything learner code put
 * in their place.
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { workerData } from "node:worker_threads";
import { getFn, type Test } from "@vitest/runner";
import { VitestTestRunner } from "vitest/runners";
import { sign, type Observed, type WitnessData } from "./witness.ts";

const data = workerData as WitnessData | null | undefined;
const outcomes: Record<string, Observed> = {};
const file = data ? join(data.witnessDir, `${randomUUID()}.json`) : undefined;

function record(id: string, o: Observed): void {
  outcomes[id] = o;
  // Written after every test, so a worker that dies later still leaves what it saw.
  if (file && data) writeFileSync(file, JSON.stringify({ outcomes, mac: sign(data.witnessKey, outcomes) }));
}

async function runTask(test: Test): Promise<void> {
  const fn = getFn(test);
  try {
    await fn();
  } catch (e) {
    record(test.id, "threw");
    throw e;
  }
  record(test.id, "returned");
}

export default class WitnessRunner extends VitestTestRunner {
  constructor(...args: ConstructorParameters<typeof VitestTestRunner>) {
    super(...args);
    // Fixed on the instance: learner code that reaches the runner cannot swap it.
    Object.defineProperty(this, "runTask", { value: runTask, writable: false, configurable: false, enumerable: false });
  }
}

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

/** Vitest's own modules stay (as in vitest 4.1's resetModules, which vitest runs between isolated files). */
const KEEP = [/\/vitest\/dist\//, /vitest-virtual-\w+\/dist/, /@vitest\/dist/];

interface ModuleNode {
  promise?: unknown;
  exports?: unknown;
  evaluated: boolean;
  importers: Set<string>;
}

/** The worker's module registry; a private field in vitest's types. */
type WithModules = { workerState: { evaluatedModules: { idToModuleMap: Map<string, ModuleNode> } } };

export default class WitnessRunner extends VitestTestRunner {
  constructor(...args: ConstructorParameters<typeof VitestTestRunner>) {
    super(...args);
    const modules = (this as unknown as WithModules).workerState.evaluatedModules.idToModuleMap;
    const importFile = super.importFile.bind(this);
    // The setup file (harden.ts, the only one) is imported first for every test file.
    const importFresh: VitestTestRunner["importFile"] = (filepath, source) => {
      if (source === "setup") {
        for (const [id, node] of modules) {
          if (KEEP.some((re) => re.test(id))) continue;
          node.promise = undefined;
          node.exports = undefined;
          node.evaluated = false;
          node.importers.clear();
        }
      }
      return importFile(filepath, source);
    };
    // Fixed on the instance: learner code that reaches the runner cannot swap them.
    for (const [name, value] of [["runTask", runTask], ["importFile", importFresh]] as const) {
      Object.defineProperty(this, name, { value, writable: false, configurable: false, enumerable: false });
    }
  }
}

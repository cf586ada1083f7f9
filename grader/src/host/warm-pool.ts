/**
 * A vitest pool that keeps one worker thread started ahead of need.
 *
 * Vitest starts a fresh worker for each run of an isolated test file; on
 * these machines that start costs 110-180 ms, most of the save→verdict time.
 * This pool behaves exactly like vitest's `threads` pool (one new, isolated
 * worker per file) but boots the next worker in the background while the
 * learner is typing, so a save only pays for running the tests (~40 ms).
 * The worker also gets a heap cap: an exercise that allocates without end
 * kills its worker with ERR_WORKER_OUT_OF_MEMORY instead of the machine.
 */
import { Worker } from "node:worker_threads";
import { ThreadsPoolWorker, type PoolOptions } from "vitest/node";
import type { WitnessData } from "./witness.ts";

export const WORKER_HEAP_MB = 512;

let spare: Worker | undefined;
/** Handed to every worker (the witness's folder and key): see witness.ts. */
let workerData: WitnessData | undefined;

function boot(entrypoint: string, env: Partial<NodeJS.ProcessEnv>, execArgv: string[]): Worker {
  const worker = new Worker(entrypoint, {
    env,
    execArgv,
    workerData,
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  // Vitest only sees "Worker exited unexpectedly"; say why on stderr, which
  // the grader reads to tell the learner it was memory.
  worker.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "ERR_WORKER_OUT_OF_MEMORY") process.stderr.write("ERR_WORKER_OUT_OF_MEMORY\n");
  });
  return worker;
}

/**
 * ThreadsPoolWorker.start() creates its thread only when `_thread` is unset
 * (vitest 4.1, pinned exactly in package.json), so handing it a thread that is
 * already booted is all it takes. The field is private in vitest's types.
 */
type WithThread = { _thread?: Worker };

class WarmThreadsWorker extends ThreadsPoolWorker {
  override readonly name = "warm-threads";

  override async start(): Promise<void> {
    const self = this as unknown as WithThread;
    if (!self._thread) {
      self._thread = spare ?? boot(this.entrypoint, this.env, this.execArgv);
      spare = undefined;
    }
    return super.start();
  }

  // The next worker boots once this run is over, so it never competes with
  // the tests for the CPU (these machines have two cores).
  override async stop(): Promise<void> {
    await super.stop();
    spare ??= boot(this.entrypoint, this.env, this.execArgv);
    spare.unref();
  }
}

export function warmThreadsPool(data: WitnessData): { name: string; createPoolWorker: (options: PoolOptions) => WarmThreadsWorker } {
  workerData = data;
  return { name: "warm-threads", createPoolWorker: (options: PoolOptions) => new WarmThreadsWorker(options) };
}

export async function stopSpareWorker(): Promise<void> {
  const w = spare;
  spare = undefined;
  await w?.terminate();
}

/**
 * The grader's side of the test host: starts it, sends runs, and enforces
 * the time limit. A run that does not answer in time (an infinite loop in a
 * learner's code blocks the worker thread, where no test timeout can reach)
 * is reported as a timeout, the host is killed, and a new one is started.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HostReply, HostRun, RawError, RawModule } from "./protocol.ts";
import { WORKER_HEAP_MB } from "./warm-pool.ts";
import type { Observed } from "./witness.ts";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

export interface HostOptions {
  readonly implDir: string;
  readonly extraTestDirs?: readonly string[];
  /** Wall-clock limit for one exercise's run, in milliseconds. */
  readonly timeoutMs: number;
  /** Working directory of the host (grading runs it in a scratch folder). */
  readonly cwd?: string;
  /** Variables added to the host's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

// Absolute, so the host starts whatever its working directory.
const TSX = import.meta.resolve("tsx");

export type HostOutcome =
  | {
      readonly kind: "done";
      readonly modules: readonly RawModule[];
      readonly unhandled: readonly RawError[];
      readonly witness: Readonly<Record<string, Observed>>;
      readonly ms: number;
    }
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "crash"; readonly reason: string; readonly ms: number; readonly stderr?: string };

export class TestHost {
  #child: ChildProcess | undefined;
  /** The last few KB the host wrote to stderr: how a crash explains itself. */
  #stderr = "";
  #ready: Promise<void> | undefined;
  #reqId = 0;
  readonly options: HostOptions;

  constructor(options: HostOptions) {
    this.options = options;
  }

  /** Starts the host now (watch mode does this ahead of the first save). */
  start(): Promise<void> {
    if (this.#ready) return this.#ready;
    const child = fork(CHILD, [], {
      execArgv: ["--import", TSX, `--max-old-space-size=${WORKER_HEAP_MB * 2}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, NO_COLOR: "1", ...this.options.env },
      ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
      serialization: "advanced",
    });
    this.#child = child;
    this.#stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      this.#stderr = (this.#stderr + d.toString()).slice(-4000);
    });
    this.#ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: HostReply) => {
        if (m.type === "ready") {
          child.off("message", onMessage);
          child.off("exit", onExit);
          resolve();
        } else if (m.type === "fatal") {
          reject(new Error(`the test host could not start: ${m.error.message}`));
        }
      };
      const onExit = (code: number | null) => reject(new Error(`the test host exited (${code}) while starting:\n${this.#stderr}`));
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send({ type: "init", implDir: this.options.implDir, extraTestDirs: this.options.extraTestDirs ?? [], testTimeoutMs: Math.min(this.options.timeoutMs, 5000) });
    });
    // A start that fails is retried by the next run, not remembered forever.
    this.#ready.catch(() => this.#discard());
    return this.#ready;
  }

  #discard(): void {
    const c = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }

  /** Runs test files; never throws, never waits longer than the timeout (after the host is up). */
  async run(files: readonly string[], invalidate: readonly string[], seed: number): Promise<HostOutcome> {
    try {
      await this.start();
    } catch (e) {
      return { kind: "crash", reason: (e as Error).message, ms: 0 };
    }
    const child = this.#child!;
    const reqId = ++this.#reqId;
    const t0 = performance.now();
    const ms = () => performance.now() - t0;
    return new Promise<HostOutcome>((resolve) => {
      const finish = (o: HostOutcome, restart: boolean) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (restart) {
          this.#discard();
          // Watch mode wants the next verdict fast: boot the replacement now.
          this.start().catch(() => undefined);
        }
        resolve(o);
      };
      const onMessage = (m: HostReply) => {
        if (m.type === "result" && m.reqId === reqId) finish({ kind: "done", modules: m.modules, unhandled: m.unhandled, witness: m.witness, ms: ms() }, false);
        else if (m.type === "fatal") finish({ kind: "crash", reason: m.error.message, ms: ms() }, true);
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ kind: "crash", reason: `the test process stopped (${signal ?? `exit code ${code}`})`, ms: ms(), stderr: this.#stderr }, true);
      const timer = setTimeout(() => finish({ kind: "timeout", ms: ms() }, true), this.options.timeoutMs);
      child.on("message", onMessage);
      child.once("exit", onExit);
      const msg: HostRun = { type: "run", reqId, files, invalidate, seed };
      child.send(msg);
    });
  }

  close(): void {
    const c = this.#child;
    this.#child = undefined;
    this.#ready = undefined;
    if (c && c.connected) {
      c.disconnect();
      // If it does not leave by itself promptly, make it.
      setTimeout(() => c.exitCode === null && c.kill("SIGKILL"), 2000).unref();
    }
  }
}

/**
 * The test host: a child process that keeps one vitest instance warm and
 * runs hidden tests on request. It lives apart from the grader's own process
 * so that an exercise which loops forever can be stopped the only sure way,
 * by killing this process, and the grader carries on with a new one.
 */
import { Writable } from "node:stream";
import { createVitest, type TestModule, type Vitest } from "vitest/node";
import type { HostReply, HostRequest, RawError, RawModule } from "./protocol.ts";
import { importGuard } from "./guard.ts";
import { hiddenTestAliases, hiddenTestConfig } from "./vitest-options.ts";
import { stopSpareWorker, warmThreadsPool } from "./warm-pool.ts";
import { Witness } from "./witness.ts";

// Whatever a learner's code prints goes nowhere: the verdict is the output.
const sink = () => new Writable({ write: (_c, _e, done) => done() });

let vitest: Vitest | undefined;
const witness = new Witness();

function send(reply: HostReply): void {
  process.send?.(reply);
}

function raw(e: unknown): RawError {
  if (e && typeof e === "object") {
    const o = e as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof o.name === "string" ? o.name : "Error",
      message: typeof o.message === "string" ? o.message : String(e),
      ...(typeof o.stack === "string" ? { stack: o.stack } : {}),
    };
  }
  return { name: "Error", message: String(e) };
}

function convert(m: TestModule): RawModule {
  return {
    file: m.moduleId,
    state: m.state(),
    errors: m.errors().map(raw),
    tests: [...m.children.allTests()].map((t) => {
      const r = t.result();
      return {
        id: t.id,
        name: t.fullName,
        state: r.state,
        errors: (r.errors ?? []).map(raw),
        durationMs: t.diagnostic()?.duration ?? 0,
      };
    }),
  };
}

async function handle(msg: HostRequest): Promise<void> {
  if (msg.type === "init") {
    const config = hiddenTestConfig({ implDir: msg.implDir, extraTestDirs: msg.extraTestDirs, testTimeoutMs: msg.testTimeoutMs });
    vitest = await createVitest(
      "test",
      { ...config, config: false, pool: warmThreadsPool(witness.data), reporters: [{}] },
      { resolve: { alias: hiddenTestAliases(msg.implDir) }, plugins: [importGuard(msg.implDir)], logLevel: "silent", server: { watch: null } },
      { stdout: sink(), stderr: sink() },
    );
    send({ type: "ready" });
    return;
  }
  if (!vitest) throw new Error("run before init");
  for (const f of msg.invalidate) vitest.invalidateFile(f);
  vitest.provide("seed", msg.seed);
  witness.collect();
  const result = await vitest.runTestFiles([...msg.files]);
  // vitest's result lists every module it has run so far; only this run's count.
  const asked = new Set(msg.files);
  const modules = result.testModules.filter((m) => asked.has(m.moduleId));
  send({ type: "result", reqId: msg.reqId, modules: modules.map(convert), unhandled: result.unhandledErrors.map(raw), witness: witness.collect() });
}

process.on("message", (msg: HostRequest) => {
  handle(msg).catch((e: unknown) => send({ type: "fatal", error: raw(e) }));
});

process.on("disconnect", () => {
  void (async () => {
    await stopSpareWorker();
    await vitest?.close();
    witness.dispose();
    process.exit(0);
  })();
});

/**
 * The TUN addon (capstone/tun/tun.c through grader/src/tunnel/tun.ts) moving
 * real packets: inside a network namespace made for this file, a child
 * process owns a TUN device and answers pings to 10.9.0.2 with the chapter 11
 * reference code. The kernel's own `ping` is the judge: it counts only replies
 * that came back through the device with correct checksums. Then the device
 * must vanish on close() and the process must exit at once, both with
 * process.exit() and by letting its event loop run dry: a thread blocked in
 * read() would hold it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { COURSE_ROOT } from "../src/paths.ts";
import { ADDON_PATH, tunUnavailable } from "../src/tunnel/tun.ts";
import { interopSuite } from "./tools.ts";

const SCRIPT = join(COURSE_ROOT, "grader/interop/tun-echo.ts");
const DEV = "c1tun0";

interface Echo {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

interopSuite("TUN device: IP packets in and out of a process", { tools: ["ip", "ping", "setpriv"], root: true, checks: [tunUnavailable] }, () => {
  const ns = `c1tun-${randomBytes(3).toString("hex")}`;
  const children: ChildProcess[] = [];

  const inNs = (argv: readonly string[]) => spawnSync("ip", ["netns", "exec", ns, ...argv], { encoding: "utf8" });

  function startEcho(mode: "exit" | "drain" | "throw"): Echo {
    const child = spawn("ip", ["netns", "exec", ns, process.execPath, "--import", "tsx", SCRIPT, DEV, mode], {
      cwd: COURSE_ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.push(child);
    const lines: string[] = [];
    let stderr = "";
    let partial = "";
    child.stdout!.on("data", (d: Buffer) => {
      const parts = (partial + d.toString()).split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
    });
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, lines, stderr: () => stderr, exited };
  }

  async function waitLine(echo: Echo, prefix: string, timeoutMs = 15_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const line = echo.lines.find((l) => l.startsWith(prefix));
      if (line !== undefined) return line;
      if (echo.child.exitCode !== null || Date.now() > end) {
        throw new Error(`no "${prefix}" line from tun-echo.ts (exit ${echo.child.exitCode}): ${echo.stderr()}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends "close" and returns how long the process took to exit after it said "closed". */
  async function closeAndTime(echo: Echo): Promise<{ code: number | null; ms: number }> {
    echo.child.stdin!.write("close\n");
    expect(await waitLine(echo, "closed"), "a write after close() throws TunError EBADF").toMatch(/\(write after close: TunError EBADF\)$/);
    const t0 = performance.now();
    const code = await Promise.race([echo.exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 5000))]);
    if (code === "hung") throw new Error("tun-echo.ts still runs 5 s after close(): something keeps its event loop alive");
    const ms = performance.now() - t0;
    process.stdout.write(`tun: exited ${ms.toFixed(0)} ms after close() (${echo.child.spawnargs.at(-1)})\n`);
    return { code, ms };
  }

  beforeAll(() => {
    expect(spawnSync("ip", ["netns", "add", ns]).status, `ip netns add ${ns}`).toBe(0);
    inNs(["ip", "link", "set", "lo", "up"]);
  });

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    spawnSync("ip", ["netns", "del", ns]);
  });

  test("ping through the device: 5 echo requests read from it, 5 replies written into it, 0 % loss", async () => {
    const echo = startEcho("exit");
    expect(await waitLine(echo, "ready")).toBe(`ready ${DEV}`);

    const ping = inNs(["ping", "-c", "5", "-i", "0.2", "-W", "2", "10.9.0.2"]);
    expect(ping.stdout, "ping's summary: every request must come back").toMatch(/5 packets transmitted, 5 received, 0% packet loss/);

    // A second process asking for the same name gets the kernel's EBUSY, in words a learner can act on.
    const second = inNs([process.execPath, "--import", "tsx", SCRIPT, DEV, "exit"]);
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(new RegExp(`TunError: cannot create TUN device ${DEV}: ioctl TUNSETIFF: Device or resource busy: a device named ${DEV} is already in use`));

    // Throughput of the packet path, reported rather than asserted (the machine is shared).
    const t0 = performance.now();
    const flood = inNs(["ping", "-f", "-c", "5000", "-W", "1", "10.9.0.2"]);
    const seconds = (performance.now() - t0) / 1000;
    const received = /(\d+) received/.exec(flood.stdout)?.[1];
    process.stdout.write(`tun: flood ping ${received}/5000 replies in ${seconds.toFixed(2)} s = ${Math.round(Number(received) / seconds)} echo round trips/s\n`);

    const { code, ms } = await closeAndTime(echo);
    expect(code, "exit status after process.exit(0)").toBe(0);
    expect(ms, "milliseconds from close() to the process's exit").toBeLessThan(1000);
    expect(inNs(["ip", "link", "show", DEV]).status, `${DEV} must be gone once its fd is closed`).not.toBe(0);
  });

  test("close() and nothing else: the event loop runs dry and the process ends by itself", async () => {
    const echo = startEcho("drain");
    await waitLine(echo, "ready");
    expect(inNs(["ping", "-c", "2", "-i", "0.2", "-W", "2", "10.9.0.2"]).stdout).toMatch(/2 received/);
    const { code, ms } = await closeAndTime(echo);
    expect(code).toBe(0);
    expect(ms, "milliseconds from close() to the natural end of the process").toBeLessThan(1000);
    expect(inNs(["ip", "link", "show", DEV]).status, `${DEV} must be gone once its fd is closed`).not.toBe(0);
  });

  test("without root (here: user nobody) the kernel refuses TUNSETIFF, and the error says to use sudo", () => {
    const r = inNs(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "--import", "tsx", SCRIPT, DEV, "exit"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`TunError: cannot create TUN device ${DEV}: ioctl TUNSETIFF: Operation not permitted: creating a network interface needs root: run it with sudo`),
    );
  });

  test("a worker thread that ends with its device open: Node waits for the addon to close it, nothing crashes", () => {
    // The addon straight from a worker (eval'd CommonJS), ended by terminate() while its poll handle is active.
    const worker = `const d = require(${JSON.stringify(ADDON_PATH)}).open("${DEV}", () => {}); require("node:worker_threads").parentPort.postMessage(d.name);`;
    const main = `const { Worker } = require("node:worker_threads");
      const w = new Worker(${JSON.stringify(worker)}, { eval: true });
      w.on("message", (name) => w.terminate().then(() => console.log("terminated " + name)));`;
    const r = inNs([process.execPath, "-e", main]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`terminated ${DEV}`);
    expect(inNs(["ip", "link", "show", DEV]).status, `${DEV} must be gone with the worker`).not.toBe(0);
  });

  test("an exception in the packet handler reaches the process like any uncaught exception", async () => {
    const echo = startEcho("throw");
    await waitLine(echo, "ready");
    inNs(["ping", "-c", "1", "-W", "1", "10.9.0.2"]);
    const code = await Promise.race([echo.exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 5000))]);
    expect(code, "the process must die of the exception, not swallow it").not.toBe(0);
    expect(echo.stderr()).toMatch(/packet handler failed on purpose/);
    expect(inNs(["ip", "link", "show", DEV]).status, "the kernel deletes the device when the process dies").not.toBe(0);
  });
});

/**
 * Two network namespaces joined by a veth pair: the seed's lab, R1
 * (192.168.12.1) and R2 (192.168.12.2) on one /24, on one machine and
 * touching nothing outside it. Names carry a random suffix so parallel runs
 * never meet, and `destroy` removes everything this module created (deleting
 * a namespace also deletes the veth end inside it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

export interface Namespace {
  readonly name: string;
  /** Its end of the veth pair. */
  readonly dev: string;
  readonly address: string;
}

export interface Lab {
  readonly r1: Namespace;
  readonly r2: Namespace;
  /** Runs a command inside a namespace and returns its stdout; throws on a non-zero exit. */
  exec(ns: Namespace, argv: readonly string[], env?: NodeJS.ProcessEnv): string;
  /** Starts a long-running command inside a namespace (the caller stops it by its pid). */
  spawn(ns: Namespace, argv: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess;
  destroy(): void;
}

function ip(args: readonly string[]): void {
  const r = spawnSync("ip", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ip ${args.join(" ")} failed: ${r.stderr.trim()}`);
}

export function createLab(prefix = "ipsc"): Lab {
  const tag = randomBytes(3).toString("hex");
  const r1: Namespace = { name: `${prefix}-r1-${tag}`, dev: `${prefix}${tag}a`, address: "192.168.12.1" };
  const r2: Namespace = { name: `${prefix}-r2-${tag}`, dev: `${prefix}${tag}b`, address: "192.168.12.2" };
  const created: Namespace[] = [];
  const destroy = () => {
    for (const ns of created.splice(0)) spawnSync("ip", ["netns", "del", ns.name], { stdio: "ignore" });
  };
  try {
    for (const ns of [r1, r2]) {
      ip(["netns", "add", ns.name]);
      created.push(ns);
    }
    ip(["link", "add", r1.dev, "netns", r1.name, "type", "veth", "peer", "name", r2.dev, "netns", r2.name]);
    for (const ns of [r1, r2]) {
      ip(["-n", ns.name, "addr", "add", `${ns.address}/24`, "dev", ns.dev]);
      ip(["-n", ns.name, "link", "set", ns.dev, "up"]);
      ip(["-n", ns.name, "link", "set", "lo", "up"]);
    }
  } catch (e) {
    destroy();
    throw e;
  }
  return {
    r1,
    r2,
    exec(ns, argv, env) {
      const r = spawnSync("ip", ["netns", "exec", ns.name, ...argv], { encoding: "utf8", env: { ...process.env, ...env } });
      if (r.status !== 0) throw new Error(`${argv.join(" ")} in ${ns.name} failed (${r.status}): ${r.stderr.trim()}`);
      return r.stdout;
    },
    spawn(ns, argv, env) {
      return spawn("ip", ["netns", "exec", ns.name, ...argv], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    },
    destroy,
  };
}

/** Stops a process started by this suite: `signal` (SIGTERM), then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 3000, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Waits until `ready()` is true, polling every 50 ms; throws `what` after `timeoutMs`. */
export async function waitFor(ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

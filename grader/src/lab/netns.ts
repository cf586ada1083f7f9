/**
 * Two network namespaces joined by a veth pair: the seed's lab, R1
 * (192.168.12.1) and R2 (192.168.12.2) on one /24, on one machine and
 * touching nothing outside it. The interop tests ask for random names so
 * parallel runs never meet; `ipsec-course lab` asks for fixed ones
 * (`<NAME>-left`, `<NAME>-right`) so a later `lab down` finds them again.
 * `destroy` removes every namespace this module created (deleting a
 * namespace also deletes the veth end inside it).
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";

export interface Namespace {
  readonly name: string;
  /** Its end of the veth pair. */
  readonly dev: string;
  readonly address: string;
}

export interface SpawnOptions {
  /** A process that outlives the one starting it (its own process group, nothing piped back). */
  readonly detached?: boolean;
  /** With `detached`: where its stdout and stderr go (an open file descriptor). */
  readonly outputFd?: number;
}

export interface Lab {
  readonly r1: Namespace;
  readonly r2: Namespace;
  /** Runs a command inside a namespace and returns its stdout; throws on a non-zero exit. */
  exec(ns: Namespace, argv: readonly string[], env?: NodeJS.ProcessEnv): string;
  /** Starts a long-running command inside a namespace (the caller stops it by its pid). */
  spawn(ns: Namespace, argv: readonly string[], env?: NodeJS.ProcessEnv, options?: SpawnOptions): ChildProcess;
  destroy(): void;
}

export interface LabSpec {
  readonly r1: Namespace;
  readonly r2: Namespace;
}

function ip(args: readonly string[]): void {
  const r = spawnSync("ip", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ip ${args.join(" ")} failed: ${r.stderr.trim()}`);
}

/** Names with a random suffix: `<prefix>-r1-<tag>` and `<prefix>-r2-<tag>`, devices `<prefix><tag>a`/`b`. */
export function randomLabSpec(prefix: string): LabSpec {
  const tag = randomBytes(3).toString("hex");
  return {
    r1: { name: `${prefix}-r1-${tag}`, dev: `${prefix}${tag}a`, address: "192.168.12.1" },
    r2: { name: `${prefix}-r2-${tag}`, dev: `${prefix}${tag}b`, address: "192.168.12.2" },
  };
}

export function namespaceExists(name: string): boolean {
  return spawnSync("ip", ["netns", "pids", name], { stdio: "ignore" }).status === 0;
}

/** Deletes a namespace if it is there; processes still inside keep its network alive, so stop them first. */
export function deleteNamespace(name: string): void {
  spawnSync("ip", ["netns", "del", name], { stdio: "ignore" });
}

/** The PIDs of the processes inside a namespace (`ip netns pids`); empty when it does not exist. */
export function namespacePids(name: string): number[] {
  const r = spawnSync("ip", ["netns", "pids", name], { encoding: "utf8" });
  if (r.status !== 0) return [];
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** exec and spawn inside the namespaces of `spec`, which must exist; `destroy` deletes them. */
export function openLab(spec: LabSpec): Lab {
  return {
    ...spec,
    exec(ns, argv, env) {
      const r = spawnSync("ip", ["netns", "exec", ns.name, ...argv], { encoding: "utf8", env: { ...process.env, ...env } });
      if (r.status !== 0) throw new Error(`${argv.join(" ")} in ${ns.name} failed (${r.status}): ${(r.stderr || r.stdout).trim()}`);
      return r.stdout;
    },
    spawn(ns, argv, env, options = {}) {
      const stdio: StdioOptions = options.detached ? ["ignore", options.outputFd ?? "ignore", options.outputFd ?? "ignore"] : ["ignore", "pipe", "pipe"];
      const child = spawn("ip", ["netns", "exec", ns.name, ...argv], { env: { ...process.env, ...env }, stdio, detached: Boolean(options.detached) });
      if (options.detached) child.unref();
      return child;
    },
    destroy() {
      for (const ns of [spec.r2, spec.r1]) deleteNamespace(ns.name);
    },
  };
}

/**
 * Creates the two namespaces and the veth pair between them, each end up
 * with its address, loopback up. A string is a prefix for random names; a
 * spec gives the names. On any failure what was made is removed again.
 */
export function createLab(prefixOrSpec: string | LabSpec = "ipsc"): Lab {
  const spec = typeof prefixOrSpec === "string" ? randomLabSpec(prefixOrSpec) : prefixOrSpec;
  const { r1, r2 } = spec;
  const created: Namespace[] = [];
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
    for (const ns of created) deleteNamespace(ns.name);
    throw e;
  }
  return openLab(spec);
}

/** Stops a process started by this module's caller: `signal` (SIGTERM), then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 3000, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Whether a process with this PID exists (signal 0 checks without sending anything). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Stops a process that is not our child (a daemon started in the
 * background, found by its PID file): `signal`, then SIGKILL after
 * `graceMs`. Returns whether it had to be killed.
 */
export async function stopPid(pid: number, graceMs = 3000, signal: NodeJS.Signals = "SIGTERM"): Promise<boolean> {
  if (!pidAlive(pid)) return false;
  try {
    process.kill(pid, signal);
  } catch {
    return false;
  }
  const end = Date.now() + graceMs;
  while (pidAlive(pid)) {
    if (Date.now() > end) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone between the check and the kill.
      }
      await waitFor(() => !pidAlive(pid), `process ${pid} to die after SIGKILL`, 2000).catch(() => {});
      return true;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/** Waits until `ready()` is true, polling every 50 ms; throws `what` after `timeoutMs`. */
export async function waitFor(ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

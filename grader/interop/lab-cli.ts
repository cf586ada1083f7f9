/**
 * Driving `ipsec-course lab` from the capstone interop tests exactly as a
 * learner would: every step is the command line (lab up, lab exec, tunnel
 * status, lab down), run as a separate process.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ADDRESSES, labSpec, type Side } from "../src/lab/lab.ts";
import { namespaceExists, pidAlive } from "../src/lab/netns.ts";
import { COURSE_ROOT } from "../src/paths.ts";
import type { TunnelStatus } from "../src/tunnel/status.ts";

const CLI = join(COURSE_ROOT, "grader/bin/ipsec-course.js");
const TRANSFER = join(COURSE_ROOT, "grader/interop/tcp-transfer.ts");

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A lab name no other run on this machine uses (engineers and CI jobs share it). */
export function randomLabName(prefix: string): string {
  return `${prefix}${randomBytes(2).toString("hex")}`;
}

/** `ipsec-course <args>`, without blocking the test's event loop. */
export function course(args: readonly string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: COURSE_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const labExec = (lab: string, side: Side, argv: readonly string[], timeoutMs?: number) => course(["lab", "exec", side, "--lab", lab, "--", ...argv], timeoutMs);

export interface PingResult extends Run {
  readonly transmitted: number;
  readonly received: number;
  /** min/avg/max in ms. */
  readonly rtt?: { min: number; avg: number; max: number };
}

/** `ping -c count` from one side's LAN address to the other's, through the tunnel. */
export async function ping(lab: string, from: Side, count: number, intervalS = 0.2): Promise<PingResult> {
  const to = from === "left" ? "right" : "left";
  const r = await labExec(lab, from, ["ping", "-n", "-c", String(count), "-i", String(intervalS), "-W", "5", "-I", ADDRESSES[from].lan, ADDRESSES[to].lan]);
  const counts = /(\d+) packets transmitted, (\d+) received/.exec(r.stdout);
  const rtt = /= ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(r.stdout);
  return {
    ...r,
    transmitted: Number(counts?.[1] ?? 0),
    received: Number(counts?.[2] ?? 0),
    ...(rtt ? { rtt: { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]) } } : {}),
  };
}

export interface TransferEnd {
  readonly bytes: number;
  readonly sha256: string;
  readonly ms: number;
}

export interface Transfer {
  readonly sent: TransferEnd;
  readonly received: TransferEnd;
  /** Megabits per second, measured by the sender (connect to close). */
  readonly mbps: number;
}

/** `bytes` random octets over TCP from one side's LAN address to the other's; both ends report a SHA-256. */
export async function tcpTransfer(lab: string, from: Side, bytes: number, port = 5001): Promise<Transfer> {
  const to = from === "left" ? "right" : "left";
  const ns = from === "left" ? labSpec(lab).r2.name : labSpec(lab).r1.name;
  const listener = spawn("ip", ["netns", "exec", ns, process.execPath, "--import", "tsx", TRANSFER, "listen", ADDRESSES[to].lan, String(port)], {
    cwd: COURSE_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  listener.stdout.on("data", (d: Buffer) => (out += d.toString()));
  listener.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<void>((resolve) => listener.on("close", () => resolve()));
  try {
    const end = Date.now() + 20_000;
    while (!out.includes("listening")) {
      if (listener.exitCode !== null || Date.now() > end) throw new Error(`the TCP listener in ${ns} did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const send = await labExec(lab, from, [process.execPath, "--import", "tsx", TRANSFER, "send", ADDRESSES[from].lan, ADDRESSES[to].lan, String(port), String(bytes)], 120_000);
    if (send.code !== 0) throw new Error(`the TCP sender failed (${send.code}): ${send.stderr}`);
    await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
    const received = JSON.parse(out.split("\n").find((l) => l.startsWith("{")) ?? "null") as TransferEnd | null;
    if (!received) throw new Error(`the TCP listener reported nothing: ${out} ${err}`);
    const sent = JSON.parse(send.stdout.trim().split("\n").at(-1)!) as TransferEnd;
    return { sent, received, mbps: (sent.bytes * 8) / (sent.ms * 1000) };
  } finally {
    if (listener.exitCode === null) listener.kill("SIGKILL");
  }
}

/** `tunnel status --json` of one side's daemon, read with `lab exec` as a learner would. */
export async function tunnelStatus(lab: string, side: Side): Promise<TunnelStatus> {
  const r = await labExec(lab, side, ["ipsec-course", "tunnel", "status", "--json"]);
  if (r.code !== 0) throw new Error(`tunnel status on the ${side} side failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as TunnelStatus;
}

/** What is left of a lab on this machine: its namespaces, and which of the given PIDs still run. */
export function leftovers(lab: string, pids: readonly number[]): string[] {
  const spec = labSpec(lab);
  const out = [spec.r1.name, spec.r2.name].filter(namespaceExists).map((n) => `namespace ${n}`);
  out.push(...pids.filter(pidAlive).map((p) => `process ${p}`));
  const listed = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout;
  out.push(...listed.split("\n").filter((l) => l.startsWith(`${lab}-`)).map((l) => `ip netns list: ${l}`));
  return out;
}

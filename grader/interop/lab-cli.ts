/**
 * Driving `ipsec-course lab` from the capstone interop tests: the lab is
 * brought up and down with the command line, as a learner does; traffic
 * (ping, TCP) runs inside the namespaces with the environment `lab exec`
 * gives, and the daemons' status is read from their control sockets, which
 * is what `tunnel status` does, without a course process per question
 * (each costs seconds on a loaded machine).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ADDRESSES, TUN_NAME, labSpec, readLabRecord, sideDir, sideEnv, type Side } from "../src/lab/lab.ts";
import { namespaceExists, pidAlive } from "../src/lab/netns.ts";
import { COURSE_ROOT } from "../src/paths.ts";
import { controlRequest, socketPath } from "../src/tunnel/control.ts";
import type { TunnelStatus } from "../src/tunnel/status.ts";

const CLI = join(COURSE_ROOT, "grader/bin/ipsec-course.js");
const TRANSFER = join(COURSE_ROOT, "grader/interop/tcp-transfer.mjs");

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A lab name no other run on this machine uses (engineers and CI jobs share it). */
export function randomLabName(prefix: string): string {
  return `${prefix}${randomBytes(2).toString("hex")}`;
}

function collect(child: ChildProcess, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `ipsec-course <args>`, without blocking the test's event loop. */
export function course(args: readonly string[], timeoutMs = 60_000): Promise<Run> {
  return collect(spawn(process.execPath, [CLI, ...args], { cwd: COURSE_ROOT, stdio: ["ignore", "pipe", "pipe"] }), timeoutMs);
}

/** A command on one router, with what `lab exec` sets (the side's state folder, the course on PATH, swanctl's charon). */
export function inLab(lab: string, side: Side, argv: readonly string[], timeoutMs = 60_000): Promise<Run> {
  return collect(spawnInLab(lab, side, argv), timeoutMs);
}

function spawnInLab(lab: string, side: Side, argv: readonly string[]): ChildProcess {
  const record = readLabRecord(lab);
  if (!record) throw new Error(`lab ${lab} has no lab.json: is it up?`);
  return spawn("ip", ["netns", "exec", record.namespaces[side], ...argv], { cwd: COURSE_ROOT, env: { ...process.env, ...sideEnv(record, side) }, stdio: ["ignore", "pipe", "pipe"] });
}

export const labExec = (lab: string, side: Side, argv: readonly string[], timeoutMs?: number) => course(["lab", "exec", side, "--lab", lab, "--", ...argv], timeoutMs);

export interface PingResult extends Run {
  readonly transmitted: number;
  readonly received: number;
  /** min/avg/max in ms. */
  readonly rtt?: { min: number; avg: number; max: number };
}

/** `ping -c count` from one side's LAN address to the other's, through the tunnel. */
export async function ping(lab: string, from: Side, count: number, intervalS = 0.2, waitS = 5): Promise<PingResult> {
  const to = from === "left" ? "right" : "left";
  return pingResult(await inLab(lab, from, ["ping", "-n", "-c", String(count), "-i", String(intervalS), "-W", String(waitS), "-I", ADDRESSES[from].lan, ADDRESSES[to].lan]));
}

/** The counts and round-trip times in ping's summary. */
export function pingResult(r: Run): PingResult {
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
  const listener = spawnInLab(lab, to, [process.execPath, TRANSFER, "listen", ADDRESSES[to].lan, String(port)]);
  let out = "";
  let err = "";
  listener.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  listener.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<void>((resolve) => listener.on("close", () => resolve()));
  try {
    const end = Date.now() + 20_000;
    while (!out.includes("listening")) {
      if (listener.exitCode !== null || Date.now() > end) throw new Error(`the TCP listener on the ${to} side did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const send = await inLab(lab, from, [process.execPath, TRANSFER, "send", ADDRESSES[from].lan, ADDRESSES[to].lan, String(port), String(bytes)], 120_000);
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

/** One side's TunnelStatus, from its daemon's control socket (what `tunnel status --json` prints). */
export async function tunnelStatus(lab: string, side: Side): Promise<TunnelStatus> {
  return (await controlRequest(socketPath(sideDir(lab, side), TUN_NAME), "status")) as TunnelStatus;
}

/** `tunnel status --json` run with `lab exec`, exactly as a learner types it. */
export async function tunnelStatusCli(lab: string, side: Side): Promise<TunnelStatus> {
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

/**
 * `ipsec-course lab up|down|status|exec`: the two-router lab (grader/src/lab/lab.ts)
 * from the command line.
 */
import { spawnSync } from "node:child_process";
import { namespaceExists, pidAlive } from "../lab/netns.ts";
import { ADDRESSES, LabError, TUN_NAME, labDown, labExec, labRecordOrNames, labRequirements, labRestart, labUp, sideConfigPath, sideDir, type LabOptions, type LabRecord, type Side } from "../lab/lab.ts";
import { controlRequest, socketPath } from "../tunnel/control.ts";
import { statusText, type TunnelStatus } from "../tunnel/status.ts";
import { tunUnavailable } from "../tunnel/tun.ts";
import { tunnelUnfinished } from "./tunnel.ts";

export interface Output {
  write(text: string): unknown;
}

const labFlag = (name: string) => (name === "ipsc" ? "" : ` --lab ${name}`);

export async function labUpCommand(o: LabOptions, out: Output, err: Output): Promise<number> {
  const unfinished = tunnelUnfinished(o.implDir);
  if (unfinished) {
    err.write(`${unfinished}\n`);
    return 1;
  }
  const missing = labRequirements(o.right);
  const tun = tunUnavailable();
  if (tun) missing.push(tun);
  if (missing.length > 0) {
    err.write(`ipsec-course lab: this machine lacks what the lab needs:\n${missing.map((m) => `  - ${m}`).join("\n")}\n`);
    return 1;
  }
  try {
    const r = await labUp(o);
    const l = ADDRESSES.left;
    const rt = ADDRESSES.right;
    out.write(
      [
        `lab ${r.name} up (${o.mode} mode${o.pfs ? ", PFS" : ""}${o.strong ? ", aes256-sha256-modp2048" : ""}):`,
        `  left   ${r.namespaces.left.padEnd(16)} ${l.underlay}, LAN ${l.lan}/24   our daemon (pid ${r.pids.left})`,
        `  right  ${r.namespaces.right.padEnd(16)} ${rt.underlay}, LAN ${rt.lan}/24   ${o.right === "ours" ? "our daemon" : "strongSwan charon"} (pid ${r.pids.right})`,
        `  files  ${r.dir}`,
        "The left side negotiates when the first packet for 10.2.0.0/24 arrives. Try:",
        `  ipsec-course lab exec left${labFlag(r.name)} -- ping -c 3 -I ${l.lan} ${rt.lan}`,
        `  ipsec-course lab exec left${labFlag(r.name)} -- ipsec-course tunnel status`,
        ...(o.right === "strongswan"
          ? [`  ipsec-course lab exec right${labFlag(r.name)} -- swanctl --list-sas`, `  ipsec-course lab exec right${labFlag(r.name)} -- swanctl --initiate --child net   (charon starts it instead)`]
          : []),
        `  ipsec-course lab down${labFlag(r.name)}`,
        "",
      ].join("\n"),
    );
    return 0;
  } catch (e) {
    err.write(`ipsec-course lab up: ${(e as Error).message}\n(everything it had made is taken down again)\n`);
    return 1;
  }
}

export async function labDownCommand(name: string, out: Output): Promise<number> {
  const r = await labDown(name);
  if (r.stopped.length + r.killed.length + r.namespaces.length === 0) {
    out.write(`lab ${name}: nothing to take down\n`);
    return 0;
  }
  const parts = [
    r.stopped.length ? `stopped ${r.stopped.join(", ")}` : "",
    r.killed.length ? `killed ${r.killed.join(", ")}` : "",
    r.namespaces.length ? `deleted ${r.namespaces.join(", ")}` : "",
  ].filter(Boolean);
  out.write(`lab ${name} down: ${parts.join("; ")}\n`);
  return 0;
}

export async function labRestartCommand(name: string, side: string | undefined, out: Output): Promise<number> {
  if (side !== "left" && side !== "right") throw new LabError("lab restart left|right");
  const r = await labRestart(name, side);
  const before = r.stopped === undefined ? "was not running" : `pid ${r.stopped} ${r.killed ? "killed (it ignored SIGTERM)" : "stopped"}`;
  out.write(`lab ${name}: ${side} daemon ${before}; started again from ${sideConfigPath(name, side)} (pid ${r.pid})\n`);
  return 0;
}

interface SideReport {
  namespace: string;
  namespaceExists: boolean;
  pid?: number;
  running: boolean;
  /** Our daemon's `tunnel status`. */
  tunnel?: TunnelStatus;
  /** charon's `swanctl --list-sas`. */
  charon?: string;
  error?: string;
}

export interface LabStatus {
  name: string;
  up: boolean;
  right: "ours" | "strongswan";
  mode: string;
  dir: string;
  sides: { left: SideReport; right: SideReport };
}

async function sideReport(r: LabRecord, side: Side): Promise<SideReport> {
  const ns = r.namespaces[side];
  const pid = r.pids[side];
  const rep: SideReport = { namespace: ns, namespaceExists: namespaceExists(ns), ...(pid !== undefined ? { pid } : {}), running: pid !== undefined && pidAlive(pid) };
  if (!rep.running) return rep;
  if (side === "right" && r.right === "strongswan") {
    const res = spawnSync("ip", ["netns", "exec", ns, "swanctl", "--list-sas"], { encoding: "utf8", env: { ...process.env, ...r.swanctlEnv } });
    if (res.status === 0) rep.charon = res.stdout.trim();
    else rep.error = res.stderr.trim();
    return rep;
  }
  try {
    rep.tunnel = (await controlRequest(socketPath(sideDir(r.name, side), TUN_NAME), "status")) as TunnelStatus;
  } catch (e) {
    rep.error = (e as Error).message;
  }
  return rep;
}

export async function labStatusCommand(name: string, json: boolean, out: Output, err: Output): Promise<number> {
  const r = labRecordOrNames(name);
  if (!r) {
    err.write(`lab ${name} is not up (no lab.json, no namespaces ${name}-left/${name}-right)\n`);
    return 1;
  }
  const left = await sideReport(r, "left");
  const right = await sideReport(r, "right");
  const status: LabStatus = { name: r.name, up: left.running && right.running, right: r.right, mode: r.mode, dir: r.dir, sides: { left, right } };
  if (json) {
    out.write(JSON.stringify(status, null, 2) + "\n");
    return status.up ? 0 : 1;
  }
  const lines = [`lab ${r.name}: ${status.up ? "up" : "NOT fully up"} (${r.right === "ours" ? "ours <-> ours" : "ours <-> strongSwan"}, ${r.mode} mode), files in ${r.dir}`];
  for (const [label, s] of [["left", left], ["right", right]] as const) {
    lines.push("", `== ${label}: namespace ${s.namespace}${s.namespaceExists ? "" : " (missing)"}, ${s.pid === undefined ? "no daemon recorded" : `pid ${s.pid} ${s.running ? "running" : "NOT running"}`}`);
    if (s.tunnel) lines.push(statusText(s.tunnel));
    if (s.charon !== undefined) lines.push(s.charon || "charon: no SAs");
    if (s.error) lines.push(`error: ${s.error}`);
  }
  out.write(lines.join("\n") + "\n");
  return status.up ? 0 : 1;
}

export function labExecCommand(name: string, side: string | undefined, argv: readonly string[], err: Output): number {
  if (side !== "left" && side !== "right") throw new LabError("lab exec left|right -- COMMAND...");
  if (argv.length === 0) throw new LabError("lab exec needs a command after --, e.g. lab exec left -- ping -c 3 10.2.0.1");
  const r = labRecordOrNames(name);
  if (!r) {
    err.write(`lab ${name} is not up (ipsec-course lab up${labFlag(name)})\n`);
    return 1;
  }
  return labExec(r, side, argv);
}

/**
 * `ipsec-course lab`: the seed's two routers as two network namespaces on
 * this machine, each with its protected LAN, and a tunnel daemon in each.
 *
 *   <NAME>-left                                  <NAME>-right
 *   lan0 10.1.0.1/24 (+ lan0p)                   lan0 10.2.0.1/24 (+ lan0p)
 *   ipsc0 (TUN, our daemon)                      ipsc0 (ours) or ipsec0 (charon)
 *   to-right 192.168.12.1/24  ---- veth ----     to-left 192.168.12.2/24
 *
 * The LANs are veth pairs with both ends in the namespace (this kernel has
 * no dummy driver): 10.1.0.1 and 10.2.0.1 are addresses of the routers
 * themselves, so `lab exec left -- ping -I 10.1.0.1 10.2.0.1` is traffic
 * between the protected subnets. Everything the lab writes lives in
 * /run/ipsec-course/lab-<NAME>/ (configs, each side's state: control
 * socket, PID file, log, Wireshark keys), and lab.json there records the
 * namespaces and PIDs, so `lab down` stops exactly those processes and
 * deletes exactly those namespaces, even after a failed `lab up`; without
 * lab.json it falls back on the fixed names.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GRADER_DIR } from "../paths.ts";
import { readPid } from "../tunnel/control.ts";
import { CHARON, ikev1PskConfig, startCharon } from "./charon.ts";
import { createLab, deleteNamespace, namespaceExists, namespacePids, pidAlive, stopPid, type Lab, type LabSpec, type Namespace } from "./netns.ts";

export const DEFAULT_LAB = "ipsc";
export const LAB_ROOT = "/run/ipsec-course";
/** The seed's pre-shared key. */
export const LAB_PSK = "cisco";
export const TUN_NAME = "ipsc0";

export type Side = "left" | "right";

export interface LabOptions {
  readonly name: string;
  /** The implementation folder our daemons run. */
  readonly implDir: string;
  readonly right: "ours" | "strongswan";
  readonly mode: "main" | "aggressive";
  readonly pfs: boolean;
  /** aes256-sha256-modp2048 and ESP aes256-sha256 instead of the seed's aes128-sha1-modp1024 and aes128-sha1. */
  readonly strong: boolean;
  /** Further configuration keys for both of our daemons (e.g. "dpd", "lifetimes", "rekey"), over the lab's own. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** What lab.json records. */
export interface LabRecord {
  readonly name: string;
  readonly dir: string;
  readonly namespaces: { readonly left: string; readonly right: string };
  readonly right: "ours" | "strongswan";
  readonly mode: "main" | "aggressive";
  readonly pfs: boolean;
  readonly strong: boolean;
  readonly implDir: string;
  pids: { left?: number; right?: number };
  /** With --right strongswan: how swanctl reaches charon. */
  swanctlEnv?: Record<string, string>;
}

export interface SideAddresses {
  readonly underlay: string;
  readonly lan: string;
  readonly subnet: string;
}

export const ADDRESSES: Readonly<Record<Side, SideAddresses>> = {
  left: { underlay: "192.168.12.1", lan: "10.1.0.1", subnet: "10.1.0.0/24" },
  right: { underlay: "192.168.12.2", lan: "10.2.0.1", subnet: "10.2.0.0/24" },
};

export class LabError extends Error {
  override readonly name = "LabError";
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,8}$/;

export function checkLabName(name: string): string {
  // Namespace names are free, but short names keep `ip netns` output readable and leave room in device names.
  if (!NAME.test(name)) throw new LabError(`a lab name is 1 to 9 lower-case letters, digits, "-" or "_", starting with a letter or digit (not "${name}")`);
  return name;
}

export const labDir = (name: string) => join(LAB_ROOT, `lab-${name}`);
export const sideDir = (name: string, side: Side) => join(labDir(name), side);
const recordPath = (name: string) => join(labDir(name), "lab.json");

export function labSpec(name: string): LabSpec {
  return {
    r1: { name: `${name}-left`, dev: "to-right", address: ADDRESSES.left.underlay },
    r2: { name: `${name}-right`, dev: "to-left", address: ADDRESSES.right.underlay },
  };
}

export function readLabRecord(name: string): LabRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordPath(name), "utf8")) as LabRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(r: LabRecord): void {
  writeFileSync(recordPath(r.name), JSON.stringify(r, null, 2) + "\n");
}

/** The proposals a lab's two sides use, in strongSwan's spelling (both configurations understand it). */
export function labProposals(o: Pick<LabOptions, "strong" | "pfs">): { phase1: string; phase2: string; pfsGroup?: string } {
  const group = o.strong ? "modp2048" : "modp1024";
  return {
    phase1: o.strong ? `aes256-sha256-${group}` : `aes128-sha1-${group}`,
    phase2: o.strong ? "aes256-sha256" : "aes128-sha1",
    ...(o.pfs ? { pfsGroup: group } : {}),
  };
}

/** One side's tunnel configuration file (README "The tunnel and the lab"). */
export function tunnelConfigFor(side: Side, o: LabOptions): Record<string, unknown> {
  const me = ADDRESSES[side];
  const peer = ADDRESSES[side === "left" ? "right" : "left"];
  return {
    local: me.underlay,
    remote: peer.underlay,
    psk: LAB_PSK,
    mode: o.mode,
    ...labProposals(o),
    localSubnet: me.subnet,
    remoteSubnet: peer.subnet,
    tun: TUN_NAME,
    ...o.settings,
  };
}

/** A veth pair with both ends in the namespace: the protected LAN's router address on lan0. */
function addLan(lab: Lab, ns: Namespace, address: string): void {
  lab.exec(ns, ["ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan0p"]);
  lab.exec(ns, ["ip", "addr", "add", `${address}/24`, "dev", "lan0"]);
  lab.exec(ns, ["ip", "link", "set", "lan0", "up"]);
  lab.exec(ns, ["ip", "link", "set", "lan0p", "up"]);
}

/** The course's own command, for `lab exec` and the daemons: grader/bin is put first on PATH. */
export const COURSE_BIN = join(GRADER_DIR, "bin");
const COURSE_CLI = join(COURSE_BIN, "ipsec-course.js");

/** The environment `lab exec <side>` gives a command: that side's state folder, the course on PATH, swanctl's charon. */
export function sideEnv(r: LabRecord, side: Side): Record<string, string> {
  return {
    IPSEC_COURSE_STATE: sideDir(r.name, side),
    PATH: `${COURSE_BIN}:${process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin"}`,
    ...(side === "right" && r.swanctlEnv ? r.swanctlEnv : {}),
  };
}

/** One side's tunnel configuration file in the lab's folder. */
export const sideConfigPath = (name: string, side: Side) => join(labDir(name), `${side}.json`);

/**
 * Starts our daemon in one namespace in the background (`tunnel up
 * --background`) from its configuration file as it is; resolves with its
 * PID (from its PID file).
 */
function startDaemon(r: LabRecord, side: Side): Promise<number> {
  const dir = sideDir(r.name, side);
  mkdirSync(dir, { recursive: true });
  const argv = [process.execPath, COURSE_CLI, "tunnel", "up", "--config", sideConfigPath(r.name, side), "--impl", r.implDir, "--state-dir", dir, "--keys-dir", join(dir, "keys"), "--background"];
  const child = spawn("ip", ["netns", "exec", r.namespaces[side], ...argv], { env: { ...process.env, ...sideEnv(r, side) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", (e) => reject(new LabError(`cannot start the ${side} tunnel daemon: ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new LabError(`the ${side} tunnel daemon did not start:\n${output.trim()}`));
      resolve(Number(readFileSync(join(dir, `${TUN_NAME}.pid`), "utf8").trim()));
    });
  });
}

/** Writes one side's configuration for the lab's options and starts our daemon with it. */
function startOurs(r: LabRecord, side: Side, o: LabOptions): Promise<number> {
  writeFileSync(sideConfigPath(r.name, side), JSON.stringify(tunnelConfigFor(side, o), null, 2) + "\n");
  return startDaemon(r, side);
}

/** charon's swanctl.conf for the right side: the same parameters as our right daemon's file, in swanctl's words. */
export function charonConfigFor(o: LabOptions): string {
  const p = labProposals(o);
  return ikev1PskConfig({
    name: "lab",
    local: { address: ADDRESSES.right.underlay },
    remote: { address: ADDRESSES.left.underlay },
    proposal: p.phase1,
    psk: LAB_PSK,
    lifetime: 86400,
    localTs: ADDRESSES.right.subnet,
    remoteTs: ADDRESSES.left.subnet,
    aggressive: o.mode === "aggressive",
    espProposals: p.pfsGroup ? `${p.phase2}-${p.pfsGroup}` : p.phase2,
  });
}

/** The right side as charon (kernel-libipsec), started in the background. */
async function startStrongswan(lab: Lab, ns: Namespace, r: LabRecord, o: LabOptions): Promise<number> {
  const charon = await startCharon(lab, ns, join(sideDir(r.name, "right"), "charon"), charonConfigFor(o), { aggressivePsk: o.mode === "aggressive", detached: true });
  r.swanctlEnv = { ...charon.swanctlEnv };
  return charon.pid;
}

export function labRequirements(right: "ours" | "strongswan"): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push("root (network namespaces, TUN devices and UDP 500 need it): run with sudo");
  if (spawnSync("ip", ["-V"], { stdio: "ignore" }).status !== 0) missing.push("the ip command (iproute2)");
  if (right === "strongswan" && !existsSync(CHARON)) missing.push(`strongSwan's charon (${CHARON}; Debian: apt install strongswan-charon strongswan-swanctl libcharon-extra-plugins)`);
  return missing;
}

/** Creates the namespaces, LANs and daemons; on any failure takes down what it made. */
export async function labUp(o: LabOptions): Promise<LabRecord> {
  const name = checkLabName(o.name);
  const spec = labSpec(name);
  if (namespaceExists(spec.r1.name) || namespaceExists(spec.r2.name) || existsSync(recordPath(name))) {
    throw new LabError(`lab "${name}" is already up (or left over): ipsec-course lab down${name === DEFAULT_LAB ? "" : ` --lab ${name}`} first`);
  }
  mkdirSync(labDir(name), { recursive: true });
  const record: LabRecord = {
    name,
    dir: labDir(name),
    namespaces: { left: spec.r1.name, right: spec.r2.name },
    right: o.right,
    mode: o.mode,
    pfs: o.pfs,
    strong: o.strong,
    implDir: o.implDir,
    pids: {},
  };
  writeRecord(record);
  try {
    const lab = createLab(spec);
    // IPv4 only, as the seed's lab: no IPv6 neighbour discovery chatter on the underlay or the LANs.
    for (const ns of [lab.r1, lab.r2]) lab.exec(ns, ["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"]);
    addLan(lab, lab.r1, ADDRESSES.left.lan);
    addLan(lab, lab.r2, ADDRESSES.right.lan);
    // Both at once: the left side sends nothing before the first packet from its LAN.
    const [left, right] = await Promise.allSettled([startOurs(record, "left", o), o.right === "strongswan" ? startStrongswan(lab, lab.r2, record, o) : startOurs(record, "right", o)]);
    if (left.status === "fulfilled") record.pids.left = left.value;
    if (right.status === "fulfilled") record.pids.right = right.value;
    writeRecord(record);
    for (const r of [left, right]) if (r.status === "rejected") throw r.reason;
    return record;
  } catch (e) {
    await labDown(name);
    throw e;
  }
}

export interface DownReport {
  readonly stopped: string[];
  readonly killed: string[];
  readonly namespaces: string[];
}

/**
 * Stops the daemons (left first, so its Deletes reach a right side still
 * listening; SIGTERM lets each send them), then anything else still inside
 * the namespaces, deletes the namespaces and the lab's folder.
 */
export async function labDown(nameArg: string): Promise<DownReport> {
  const name = checkLabName(nameArg);
  const record = readLabRecord(name);
  const spec = labSpec(name);
  const names = record ? [record.namespaces.left, record.namespaces.right] : [spec.r1.name, spec.r2.name];
  const report: DownReport = { stopped: [], killed: [], namespaces: [] };
  for (const side of ["left", "right"] as const) {
    const pid = record?.pids[side];
    if (pid !== undefined && pidAlive(pid)) {
      const killed = await stopPid(pid, 5000);
      (killed ? report.killed : report.stopped).push(`${side} (pid ${pid})`);
    }
  }
  for (const ns of names) {
    for (const pid of namespacePids(ns)) {
      const killed = await stopPid(pid, 2000);
      (killed ? report.killed : report.stopped).push(`pid ${pid} in ${ns}`);
    }
    if (namespaceExists(ns)) {
      deleteNamespace(ns);
      report.namespaces.push(ns);
    }
  }
  rmSync(labDir(name), { recursive: true, force: true });
  return report;
}

export interface RestartReport {
  /** The daemon that was stopped first (SIGTERM: it sends its Deletes), if one was running. */
  readonly stopped?: number;
  readonly killed: boolean;
  readonly pid: number;
}

/**
 * Stops one side's daemon if it runs, and starts it again from that side's
 * configuration file as it is now (`<lab folder>/<side>.json`, which may
 * have been edited): a router rebooted, or reconfigured, while its peer
 * keeps running. lab.json records the new PID.
 */
export async function labRestart(nameArg: string, side: Side): Promise<RestartReport> {
  const name = checkLabName(nameArg);
  const r = readLabRecord(name);
  if (!r) throw new LabError(`lab ${name} is not up (no ${recordPath(name)})`);
  if (side === "right" && r.right === "strongswan") throw new LabError("lab restart restarts our daemon; on a --right strongswan lab the right side is charon (lab down, then lab up)");
  const old = r.pids[side];
  const running = old !== undefined && pidAlive(old);
  const killed = running ? await stopPid(old, 5000) : false;
  r.pids[side] = await startDaemon(r, side);
  writeRecord(r);
  return { ...(running ? { stopped: old } : {}), killed, pid: r.pids[side]! };
}

/** lab.json, or a record rebuilt from the fixed names when only the namespaces are left. */
export function labRecordOrNames(name: string): LabRecord | undefined {
  const r = readLabRecord(checkLabName(name));
  if (r) return r;
  const spec = labSpec(name);
  if (!namespaceExists(spec.r1.name) && !namespaceExists(spec.r2.name)) return undefined;
  // Our daemons' PID files say who runs there (a charon on the right has none: it shows as not recorded).
  const pids: LabRecord["pids"] = {};
  for (const side of ["left", "right"] as const) {
    const pid = readPid(sideDir(name, side), TUN_NAME);
    if (pid !== undefined) pids[side] = pid;
  }
  return { name, dir: labDir(name), namespaces: { left: spec.r1.name, right: spec.r2.name }, right: "ours", mode: "main", pfs: false, strong: false, implDir: "", pids };
}

/** Runs a command in one side's namespace with that side's environment, its output on ours; returns its exit code. */
export function labExec(r: LabRecord, side: Side, argv: readonly string[]): number {
  const ns = r.namespaces[side];
  if (!namespaceExists(ns)) throw new LabError(`namespace ${ns} does not exist: is the lab up? (ipsec-course lab status --lab ${r.name})`);
  const res = spawnSync("ip", ["netns", "exec", ns, ...argv], { stdio: "inherit", env: { ...process.env, ...sideEnv(r, side) } });
  if (res.error) throw new LabError(`cannot run ${argv[0]}: ${res.error.message}`);
  return res.status ?? 1;
}

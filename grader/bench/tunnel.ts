/**
 * `tunnel`: TCP throughput (iperf3) and ping round-trip time through our
 * tunnel, beside the same figures for strongSwan and for the bare link, all
 * in namespaces this benchmark makes and removes, in the same run:
 *
 * - bare veth: 192.168.12.1 -> 192.168.12.2, no IPsec at all (the ceiling);
 * - strongSwan: two charons with kernel-libipsec (their userspace ESP data
 *   plane, as the kernel here has no ESP), 10.1.0.1 -> 10.2.0.1;
 * - ours: two `ipsec-course tunnel up --impl solutions` daemons (the
 *   reference solution's gateway and SAD over TUN and UDP 4500), same
 *   addresses, the same proposal (aes128-sha1-modp1024, ESP aes128-sha1).
 *
 * Each throughput is the median of RUNS one-stream iperf3 runs of SECONDS
 * seconds; each RTT the median and 90th percentile of PINGS pings. Ratios:
 * ours over strongSwan, and each over the bare link. Then a CPU profile of
 * our left daemon (the sender's side: it encrypts) during one more iperf3
 * run, grouped by stage: where the time goes. Needs root, iperf3, ping and
 * strongSwan; what is missing is named and that part skipped.
 * IPSEC_COURSE_BENCH_TUNNEL=ours (or bare,strongswan, ...) runs only those parts;
 * IPSEC_COURSE_BENCH_PROFILES=DIR keeps the two .cpuprofile files (Chrome
 * DevTools opens them) in DIR.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHARON, ikev1PskConfig, startCharon, type Charon } from "../src/lab/charon.ts";
import { createLab, stopProcess, waitFor, type Lab, type Namespace } from "../src/lab/netns.ts";
import { COURSE_ROOT } from "../src/paths.ts";
import { tunUnavailable } from "../src/tunnel/tun.ts";
import { hasTool } from "../interop/tools.ts";
import { monotonicUs, printProfile, summarizeProfile, type ProfileSummary, type Window } from "./profile.ts";
import { median, percentile } from "./stats.ts";

const SECONDS = 5;
const RUNS = 3;
const PINGS = 50;
const PING_INTERVAL = "0.02";
const PSK = "cisco123";
const LEFT_LAN = "10.1.0.1";
const RIGHT_LAN = "10.2.0.1";
const CLI = join(COURSE_ROOT, "grader/bin/ipsec-course.js");

export interface LinkFigures {
  /** Median of RUNS iperf3 runs, Mbit/s. */
  readonly mbitPerS: number;
  readonly runsMbitPerS: number[];
  readonly rttMedianMs: number;
  readonly rttP90Ms: number;
}

type Part = LinkFigures | { readonly skipped: string };

/** What the whole benchmark needs; undefined when everything is there. */
function missingBasics(): string | undefined {
  if (process.getuid?.() !== 0) return "needs root (network namespaces)";
  const missing = ["ip", "iperf3", "ping"].filter((t) => !hasTool(t));
  return missing.length > 0 ? `${missing.join(", ")} not installed` : undefined;
}

/** The protected subnet behind a gateway: an address on a veth pair with both ends inside its namespace (there is no dummy driver here). */
function addLan(lab: Lab, ns: Namespace, address: string): void {
  lab.exec(ns, ["ip", "link", "add", "lan0", "type", "veth", "peer", "name", "lan1"]);
  lab.exec(ns, ["ip", "addr", "add", `${address}/24`, "dev", "lan0"]);
  lab.exec(ns, ["ip", "link", "set", "lan0", "up"]);
  lab.exec(ns, ["ip", "link", "set", "lan1", "up"]);
}

/** Round-trip times in ms, one per reply, from ping's "time=0.123 ms" lines. */
function pingTimes(lab: Lab, from: string, to: string, count: number, interval: string): number[] {
  const r = spawnSync("ip", ["netns", "exec", lab.r1.name, "ping", "-n", "-c", String(count), "-i", interval, "-W", "1", "-I", from, to], { encoding: "utf8" });
  return [...r.stdout.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
}

/**
 * Pings until one answer comes back (a tunnel that starts IKE on the first
 * packet needs a moment); `gone` says why waiting is pointless (a daemon exited).
 */
async function waitForPath(lab: Lab, from: string, to: string, gone: () => string | undefined, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => gone() !== undefined || pingTimes(lab, from, to, 1, "0.2").length === 1, `a ping from ${from} to ${to}`, timeoutMs);
  const why = gone();
  if (why) throw new Error(why);
}

function iperfOnce(lab: Lab, from: string, to: string): number {
  const r = spawnSync("ip", ["netns", "exec", lab.r1.name, "iperf3", "-c", to, "-B", from, "-t", String(SECONDS), "-J"], { encoding: "utf8", timeout: (SECONDS + 20) * 1000 });
  if (r.status !== 0) throw new Error(`iperf3 -c ${to} failed (${r.status}): ${r.stdout.slice(-400)}${r.stderr}`);
  const result = JSON.parse(r.stdout) as { error?: string; end: { sum_received?: { bits_per_second: number } } };
  if (!result.end.sum_received) throw new Error(`iperf3 -c ${to}: ${result.error ?? "no result"}`);
  return result.end.sum_received.bits_per_second / 1e6;
}

/** Runs `body` with an iperf3 server listening on `address` in the right namespace. */
async function withIperfServer<T>(lab: Lab, address: string, body: () => Promise<T>): Promise<T> {
  const server = lab.spawn(lab.r2, ["iperf3", "-s", "-B", address, "--forceflush"]);
  let out = "";
  server.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  try {
    await waitFor(() => out.includes("Server listening") || server.exitCode !== null, `iperf3 -s on ${address}`);
    if (server.exitCode !== null) throw new Error(`iperf3 -s on ${address} exited: ${out}`);
    return await body();
  } finally {
    await stopProcess(server);
  }
}

/** Ping first (it also brings the path up), then RUNS iperf3 runs. */
async function measure(lab: Lab, from: string, to: string, gone: () => string | undefined = () => undefined): Promise<LinkFigures> {
  await waitForPath(lab, from, to, gone);
  const rtt = pingTimes(lab, from, to, PINGS, PING_INTERVAL);
  if (rtt.length < PINGS / 2) throw new Error(`only ${rtt.length} of ${PINGS} pings from ${from} to ${to} came back`);
  return withIperfServer(lab, to, async () => {
    const runs = Array.from({ length: RUNS }, () => iperfOnce(lab, from, to));
    return { mbitPerS: round(median(runs)), runsMbitPerS: runs.map(round), rttMedianMs: round(median(rtt), 3), rttP90Ms: round(percentile(rtt, 90), 3) };
  });
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

async function strongswan(lab: Lab, dir: string): Promise<LinkFigures> {
  const conf = (local: Namespace, remote: Namespace, localTs: string, remoteTs: string) =>
    ikev1PskConfig({ name: "bench", local, remote, proposal: "aes128-sha1-modp1024", psk: PSK, lifetime: 3600, localTs, remoteTs });
  const charons: Charon[] = [];
  try {
    charons.push(await startCharon(lab, lab.r2, join(dir, "charon-right"), conf(lab.r2, lab.r1, "10.2.0.0/24", "10.1.0.0/24")));
    charons.push(await startCharon(lab, lab.r1, join(dir, "charon-left"), conf(lab.r1, lab.r2, "10.1.0.0/24", "10.2.0.0/24")));
    charons[1]!.swanctl(["--initiate", "--child", "net"]);
    return await measure(lab, LEFT_LAN, RIGHT_LAN);
  } finally {
    for (const c of charons.reverse()) await c.stop();
  }
}

/** The tunnel configuration of one of our daemons: the IKE peer keys plus the tunnel's own (grader/src/tunnel/config.ts). */
function ourConfig(me: Namespace, peer: Namespace, localSubnet: string, remoteSubnet: string): string {
  return JSON.stringify({
    local: me.address,
    remote: peer.address,
    psk: PSK,
    mode: "main",
    phase1: "aes128-sha1-modp1024",
    phase2: "aes128-sha1",
    localSubnet,
    remoteSubnet,
    lifetimes: { ike: 86400, ipsec: 3600 },
    tun: "ipsc0",
    mtu: 1400,
    logLevel: "warn",
  });
}

/** Starts one of our daemons in `ns`; `profileDir` runs it under `node --cpu-prof`, written when it exits. */
function startDaemon(lab: Lab, ns: Namespace, dir: string, config: string, initiate: boolean, profileDir?: string): ChildProcess {
  const file = join(dir, `${ns.name}.json`);
  writeFileSync(file, config);
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const argv = ["node", ...profile, CLI, "tunnel", "up", "--config", file, "--impl", "solutions", "--state-dir", join(dir, `state-${ns.name}`)];
  return lab.spawn(ns, initiate ? [...argv, "--initiate"] : argv);
}

interface Ours {
  readonly figures: LinkFigures;
  /** Profiles of the left (encrypting) and right (decrypting) daemon during one more iperf3 run. */
  readonly profiles?: { readonly left?: ProfileSummary; readonly right?: ProfileSummary; readonly mbitPerS: number };
}

/**
 * Starts our two daemons, left initiating at once; runs `body` while they
 * are up and stops them afterwards (SIGTERM: Deletes, then exit, which is
 * when node writes a profile). With `profileDir`, each runs under
 * `node --cpu-prof` and its profile lands in `<profileDir>/<side>`.
 */
async function withOurDaemons<T>(lab: Lab, dir: string, body: (gone: () => string | undefined) => Promise<T>, profileDir?: string): Promise<T> {
  const daemons: ChildProcess[] = [];
  const output: string[] = [];
  const sides = [
    { ns: lab.r2, side: "right", config: ourConfig(lab.r2, lab.r1, "10.2.0.0/24", "10.1.0.0/24"), initiate: false },
    { ns: lab.r1, side: "left", config: ourConfig(lab.r1, lab.r2, "10.1.0.0/24", "10.2.0.0/24"), initiate: true },
  ];
  try {
    for (const s of sides) {
      const d = startDaemon(lab, s.ns, dir, s.config, s.initiate, profileDir && join(profileDir, s.side));
      daemons.push(d);
      const i = output.push("") - 1;
      d.stdout!.on("data", (b: Buffer) => (output[i] += b.toString()));
      d.stderr!.on("data", (b: Buffer) => (output[i] += b.toString()));
    }
    const gone = () => (daemons.some((d) => d.exitCode !== null) ? "a daemon exited" : undefined);
    return await body(gone);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nour daemons said:\n${output.join("\n---\n")}`);
  } finally {
    for (const d of daemons.reverse()) await stopProcess(d, 5000);
  }
}

/** The largest profile in a folder: the daemon's own, should a helper process have written one too. */
function profileIn(folder: string, window: Window): ProfileSummary | undefined {
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder).map((f) => join(folder, f));
  const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return largest ? summarizeProfile(largest, 12, window) : undefined;
}

async function ours(lab: Lab, dir: string): Promise<Ours> {
  // The measured runs go without the profiler: it costs the daemon time of its own.
  const figures = await withOurDaemons(lab, dir, (gone) => measure(lab, LEFT_LAN, RIGHT_LAN, gone));
  const profileDir = process.env.IPSEC_COURSE_BENCH_PROFILES ?? join(dir, "profile");
  // Only the samples taken while iperf3 ran count: not the daemons' start, IKE, or their exit.
  let window: Window = { fromUs: 0, toUs: 0 };
  const mbitPerS = await withOurDaemons(
    lab,
    dir,
    async (gone) => {
      await waitForPath(lab, LEFT_LAN, RIGHT_LAN, gone);
      return withIperfServer(lab, RIGHT_LAN, async () => {
        const fromUs = monotonicUs();
        const mbit = iperfOnce(lab, LEFT_LAN, RIGHT_LAN);
        window = { fromUs, toUs: monotonicUs() };
        return round(mbit);
      });
    },
    profileDir,
  );
  return { figures, profiles: { left: profileIn(join(profileDir, "left"), window), right: profileIn(join(profileDir, "right"), window), mbitPerS } };
}

const PARTS = process.env.IPSEC_COURSE_BENCH_TUNNEL?.split(",");
const wanted = (name: string) => PARTS === undefined || PARTS.includes(name);
const NOT_ASKED = { skipped: "not asked for (IPSEC_COURSE_BENCH_TUNNEL)" };

async function part<T>(name: string, run: () => Promise<T>): Promise<T | { skipped: string }> {
  try {
    return await run();
  } catch (e) {
    const why = (e as Error).message;
    console.log(`  ${name}: failed: ${why}`);
    return { skipped: `failed: ${why.split("\n")[0]}` };
  }
}

const isFigures = (p: Part | undefined): p is LinkFigures => p !== undefined && "mbitPerS" in p;

function line(name: string, p: Part, bare: Part): string {
  if (!isFigures(p)) return `${name.padEnd(34)} skipped: ${p.skipped}`;
  const ofBare = isFigures(bare) && p !== bare ? `  (${((100 * p.mbitPerS) / bare.mbitPerS).toFixed(1)} % of bare)` : "";
  return `${name.padEnd(34)} ${p.mbitPerS.toFixed(0).padStart(6)} Mbit/s   RTT median ${p.rttMedianMs.toFixed(3)} ms, p90 ${p.rttP90Ms.toFixed(3)} ms${ofBare}`;
}

export async function benchTunnel(): Promise<Record<string, unknown>> {
  console.log(`\nTunnel: iperf3 TCP (median of ${RUNS} x ${SECONDS} s, one stream) and ping RTT (${PINGS} pings), in namespaces made for this run`);
  const basics = missingBasics();
  if (basics) {
    console.log(`  skipped: ${basics}`);
    return { tunnel: { skipped: basics } };
  }
  const dir = mkdtempSync(join(tmpdir(), "ipsec-bench-tunnel-"));
  const lab = createLab("bt");
  let bare: Part, swan: Part, our: Part;
  let profiles: Ours["profiles"];
  try {
    addLan(lab, lab.r1, LEFT_LAN);
    addLan(lab, lab.r2, RIGHT_LAN);
    const noCharon = !existsSync(CHARON) || !hasTool("swanctl") ? "strongSwan (charon, swanctl) is not installed" : undefined;
    bare = wanted("bare") ? await part("bare veth", () => measure(lab, lab.r1.address, lab.r2.address)) : NOT_ASKED;
    swan = !wanted("strongswan") ? NOT_ASKED : noCharon ? { skipped: noCharon } : await part("strongSwan", () => strongswan(lab, dir));
    const noTun = tunUnavailable();
    const o = !wanted("ours") ? NOT_ASKED : noTun ? { skipped: noTun } : await part("ours", () => ours(lab, dir));
    if ("figures" in o) {
      our = o.figures;
      profiles = o.profiles;
    } else our = o;
  } finally {
    lab.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(line("bare veth (192.168.12.1 -> .2)", bare, bare));
  console.log(line("strongSwan (kernel-libipsec)", swan, bare));
  console.log(line("ours (reference, --impl solutions)", our, bare));
  const ratios: Record<string, number> = {};
  if (isFigures(our) && isFigures(swan)) {
    ratios.throughputOursOverStrongswan = round(our.mbitPerS / swan.mbitPerS, 2);
    ratios.rttOursOverStrongswan = round(our.rttMedianMs / swan.rttMedianMs, 2);
    console.log(`ours / strongSwan: throughput ${ratios.throughputOursOverStrongswan}x, RTT ${ratios.rttOursOverStrongswan}x`);
  }
  if (isFigures(bare)) {
    if (isFigures(swan)) ratios.throughputStrongswanOverBare = round(swan.mbitPerS / bare.mbitPerS, 3);
    if (isFigures(our)) ratios.throughputOursOverBare = round(our.mbitPerS / bare.mbitPerS, 3);
  }
  if (profiles?.left) printProfile(`Where the time goes: our left daemon (it encrypts) under node --cpu-prof during one iperf3 run (${profiles.mbitPerS} Mbit/s)`, profiles.left);
  if (profiles?.right) printProfile("... and the right daemon (it decrypts), same run", profiles.right);
  return { tunnel: { seconds: SECONDS, runs: RUNS, pings: PINGS, bare, strongswan: swan, ours: our, ratios, ...(profiles ? { profiles } : {}) } };
}

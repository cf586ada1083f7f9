/**
 * `ike-handshake`: how long main mode + quick mode takes between two peers
 * of the reference solution, beside two strongSwan daemons in the same
 * namespaces with the same proposal (aes128-sha1-modp1024, ESP aes128-sha1).
 *
 * - reference, warm: two peers in one process over loopback UDP inside a
 *   namespace (ike-loopback.ts), the first exchange dropped;
 * - reference, cold: `ipsec-course ike` on each side of the veth pair, a
 *   fresh process per exchange, as a learner runs it;
 * - strongSwan: charon to charon over the same veth pair.
 * The veth exchanges are timed on the wire (a capture on R1's interface,
 * main mode message 1 to quick mode message 3 of each initiator cookie), so
 * process start-up does not count. The ratio is reference (warm) over
 * strongSwan. Needs root, strongSwan and dumpcap; skipped otherwise.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COURSE_ROOT } from "../src/paths.ts";
import { startCapture } from "../interop/capture.ts";
import { CHARON, ikev1PskConfig, startCharon, type Charon } from "../interop/charon.ts";
import { startPeer, writePeerConfig, type PeerConfig } from "../interop/ike-cli.ts";
import { createLab, type Lab } from "../interop/netns.ts";
import { hasTool } from "../interop/tools.ts";
import { tsharkFields } from "../interop/tshark.ts";
import { median } from "./stats.ts";

const ROUNDS = 5;
const PROPOSAL = { phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1" } as const;
const PSK = "cisco123";

/** Wire time of each complete exchange in a capture: first message with a cookie to its last quick mode message, in ms. */
function handshakeTimes(pcap: string): number[] {
  const rows = tsharkFields(pcap, ["frame.time_epoch", "isakmp.ispi", "isakmp.exchangetype"], { filter: "isakmp" });
  const byCookie = new Map<string, { first: number; lastQuick?: number }>();
  for (const r of rows) {
    const t = Number(r["frame.time_epoch"]![0]) * 1000;
    const cookie = r["isakmp.ispi"]![0]!;
    const e = byCookie.get(cookie) ?? { first: t };
    if (r["isakmp.exchangetype"]![0] === "32") e.lastQuick = t;
    byCookie.set(cookie, e);
  }
  return [...byCookie.values()].filter((e) => e.lastQuick !== undefined).map((e) => e.lastQuick! - e.first);
}

async function ours(lab: Lab, dir: string): Promise<{ wire: number[]; inProcess: number[] }> {
  const config = (me: typeof lab.r1, peer: typeof lab.r1, local: string, remote: string): PeerConfig => ({
    local: me.address, remote: peer.address, psk: PSK, mode: "main", ...PROPOSAL, localSubnet: local, remoteSubnet: remote,
  });
  const r1 = writePeerConfig(dir, "r1", config(lab.r1, lab.r2, "10.1.1.0/24", "10.2.2.0/24"));
  const r2 = writePeerConfig(dir, "r2", config(lab.r2, lab.r1, "10.2.2.0/24", "10.1.1.0/24"));
  const capture = await startCapture(lab, lab.r1, join(dir, "ours.pcap"));
  const inProcess: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const responder = await startPeer(lab, lab.r2, "respond", r2);
      const initiator = await startPeer(lab, lab.r1, "initiate", r1);
      const [a, b] = await Promise.all([initiator.finished, responder.finished]);
      if (!a.report || !b.report) throw new Error(`our peers failed:\n${a.stderr}\n${b.stderr}`);
      inProcess.push(a.report.handshakeMs);
    }
  } finally {
    await capture.stop();
  }
  return { wire: handshakeTimes(capture.file), inProcess };
}

/** The warm in-process figure: ike-loopback.ts run inside R1's namespace. */
function warm(lab: Lab): number[] {
  const tsx = join(COURSE_ROOT, "node_modules/.bin/tsx");
  const out = lab.exec(lab.r1, [tsx, "--tsconfig", join(COURSE_ROOT, "tsconfig.json"), join(COURSE_ROOT, "grader/bench/ike-loopback.ts"), String(ROUNDS)]);
  return JSON.parse(out) as number[];
}

async function strongswan(lab: Lab, dir: string): Promise<number[]> {
  const common = { name: "ike", proposal: PROPOSAL.phase1, espProposals: PROPOSAL.phase2, psk: PSK, lifetime: 86400 };
  const running: Charon[] = [];
  const capture = await startCapture(lab, lab.r1, join(dir, "strongswan.pcap"));
  try {
    const r1 = await startCharon(lab, lab.r1, join(dir, "r1"), ikev1PskConfig({ ...common, local: lab.r1, remote: lab.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
    running.push(r1);
    running.push(await startCharon(lab, lab.r2, join(dir, "r2"), ikev1PskConfig({ ...common, local: lab.r2, remote: lab.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" })));
    for (let i = 0; i < ROUNDS; i++) {
      r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
      r1.swanctl(["--terminate", "--ike", "ike", "--timeout", "20"]);
    }
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    await capture.stop();
  }
  return handshakeTimes(capture.file);
}

export async function benchIkeHandshake(): Promise<Record<string, unknown>> {
  const missing = ["ip", "unshare", "dumpcap", "tshark", "swanctl", CHARON].filter((t) => !hasTool(t));
  if (missing.length > 0 || process.getuid?.() !== 0) {
    const why = missing.length > 0 ? `${missing.join(", ")} missing` : "needs root (network namespaces)";
    console.log(`\nike-handshake: skipped (${why})`);
    return { ikeHandshake: { skipped: why } };
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-ike-"));
  mkdirSync(dir, { recursive: true });
  const lab = createLab("ipscb");
  try {
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    const loopback = warm(lab);
    const course = await ours(lab, dir);
    const charon = await strongswan(lab, dir);
    const two = (x: number) => Number(x.toFixed(2));
    const row = {
      rounds: ROUNDS,
      proposal: `${PROPOSAL.phase1} / ESP ${PROPOSAL.phase2}`,
      referenceWarmLoopbackMs: two(median(loopback)),
      referenceColdWireMs: two(median(course.wire)),
      referenceColdInProcessMs: two(median(course.inProcess)),
      strongswanWireMs: two(median(charon)),
      ratio: two(median(loopback) / median(charon)),
      samples: { referenceWarmLoopback: loopback.map(two), referenceColdWire: course.wire.map(two), strongswanWire: charon.map(two) },
    };
    console.log(`\nIKEv1 main mode + quick mode (${row.proposal}), MM1 to QM3, median of ${ROUNDS}`);
    console.log(`reference, two peers in one process, loopback UDP: ${row.referenceWarmLoopbackMs} ms`);
    console.log(`reference, ipsec-course ike per side (cold), wire: ${row.referenceColdWireMs} ms`);
    console.log(`strongSwan to strongSwan, wire:                    ${row.strongswanWireMs} ms   (reference warm / strongSwan: ${row.ratio}x)`);
    return { ikeHandshake: row };
  } finally {
    lab.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

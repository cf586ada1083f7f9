/**
 * Main mode messages 1 to 4 between the reference solution and strongSwan, in
 * both roles: two namespaces (192.168.12.1 and .2), charon in one, our
 * main-mode-peer.ts in the other, a pre-shared key, and one of two proposals:
 * the seed's, or AES-CBC-256, SHA2-256, group 14.
 * The capture and charon's level-4 log come back with what our peer printed.
 * Used by strongswan-main-mode.test.ts and by record-main-mode.ts (which
 * prints chapter 07's fixed vectors).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCapture } from "./capture.ts";
import { ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import type { IkeSuite } from "../../solutions/04-negotiation/ike-transform.ts";
import type { PeerRecord, PeerSettings } from "./main-mode-peer.ts";
import { stopProcess, type Lab, type Namespace } from "./netns.ts";

export const PSK = "cisco123"; // a lab key, as in the seed's router configuration

/** A phase 1 proposal in strongSwan's syntax and as the course's suite. */
export interface HalfProposal {
  readonly label: string;
  readonly strongswan: string;
  readonly suite: IkeSuite;
}

export const HALF_PROPOSALS: readonly HalfProposal[] = [
  { label: "the seed's proposal (AES-CBC-128, SHA, group 2)", strongswan: "aes128-sha1-modp1024", suite: { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 } },
  { label: "AES-CBC-256, SHA2-256, group 14", strongswan: "aes256-sha256-modp2048", suite: { encryption: 7, keyLength: 256, hash: 4, authMethod: 1, group: 14, lifetimeSeconds: 86400 } },
];

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface HalfExchange {
  /** Who ran our code. */
  readonly ours: "initiator" | "responder";
  readonly proposal: HalfProposal;
  readonly peer: PeerRecord;
  /** charon's log (level 4: g^xy, SKEYID..., the initial IV). */
  readonly charonLog: string;
  readonly pcap: string;
}

/** Settings files written so far: each run gets its own. */
let settingsFiles = 0;

/**
 * Runs one of our peer scripts (`script`, relative to the repository) in a
 * namespace with `tsx`: `<script> <role> <settings.json>`, and parses the
 * JSON object it prints.
 */
export function runPeerScript<S, R>(lab: Lab, ns: Namespace, script: string, role: "initiator" | "responder", dir: string, settings: S): Promise<R> {
  const file = join(dir, `${role}-${++settingsFiles}.json`);
  writeFileSync(file, JSON.stringify(settings));
  const child = lab.spawn(ns, [join(ROOT, "node_modules/.bin/tsx"), "--tsconfig", join(ROOT, "tsconfig.json"), join(ROOT, script), role, file]);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as R) : reject(new Error(`our ${role} exited ${code}: ${err}`))));
  });
}

/** Runs one half exchange; `ours` is the role of the reference solution (charon takes the other). */
export async function runHalfExchange(lab: Lab, ours: "initiator" | "responder", proposal: HalfProposal, dir: string): Promise<HalfExchange> {
  const tag = `${proposal.strongswan}-${ours}`;
  const capture = await startCapture(lab, lab.r1, join(dir, `main-mode-${tag}.pcap`));
  const [mine, theirs] = ours === "initiator" ? [lab.r1, lab.r2] : [lab.r2, lab.r1];
  let charon: Charon | undefined;
  try {
    charon = await startCharon(
      lab,
      theirs,
      join(dir, `charon-${tag}`),
      ikev1PskConfig({ name: "mm", local: theirs, remote: mine, proposal: proposal.strongswan, psk: PSK, lifetime: 86400, localTs: "10.9.9.0/24", remoteTs: "10.8.8.0/24" }),
    );
    const settings: PeerSettings = { suite: proposal.suite, local: mine.address, remote: theirs.address, psk: PSK, nonceBytes: 20, timeoutMs: 15_000 };
    const peer = runPeerScript<PeerSettings, PeerRecord>(lab, mine, "grader/interop/main-mode-peer.ts", ours, dir, settings);
    if (ours === "responder") {
      // charon initiates; swanctl waits for the IKE SA, which never completes
      // (our peer stops after message 5), so it runs in the background.
      const swanctl = lab.spawn(theirs, ["swanctl", "--initiate", "--ike", "mm", "--timeout", "10", "--uri", charon.viciUri]);
      try {
        const record = await peer;
        return { ours, proposal, peer: record, charonLog: charon.log(), pcap: capture.file };
      } finally {
        await stopProcess(swanctl);
      }
    }
    const record = await peer;
    // charon derives its keys when it builds message 4: give the log a moment to be flushed.
    await new Promise((r) => setTimeout(r, 200));
    return { ours, proposal, peer: record, charonLog: charon.log(), pcap: capture.file };
  } finally {
    await charon?.stop();
    await capture.stop();
  }
}

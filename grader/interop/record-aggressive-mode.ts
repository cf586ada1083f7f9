/**
 * Records aggressive mode between the reference solution and strongSwan, in
 * both roles, and prints the fixed vectors of chapter 08's hidden tests
 * (grader/tests/08-aggressive-mode/strongswan-vectors.ts):
 *
 *   sudo npx tsx --tsconfig tsconfig.json grader/interop/record-aggressive-mode.ts > grader/tests/08-aggressive-mode/strongswan-vectors.ts
 *
 * Two namespaces (192.168.12.1 and .2), charon in one with `aggressive =
 * yes` (and, as responder, the option that lets it answer aggressive mode
 * with a PSK), our aggressive-mode-peer.ts in the other. Refuses to print
 * unless charon logged the IKE SA as established: then charon accepted our
 * message 2 or 3, and its HASH_I, HASH_R and keys are the ones a learner's
 * code must reproduce from the same random octets.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AggressivePeerRecord, AggressivePeerSettings } from "./aggressive-mode-peer.ts";
import { startCapture } from "./capture.ts";
import { PHASE1_DUMPS, ikev1PskConfig, lastDumps, startCharon, type Charon } from "./charon.ts";
import { runPeerScript } from "./main-mode-half.ts";
import { createLab, stopProcess, type Lab } from "./netns.ts";

const PSK = "cisco123";

interface Recorded {
  readonly peer: AggressivePeerRecord;
  readonly charon: Record<string, string>;
  readonly established: string;
}

async function half(lab: Lab, ours: "initiator" | "responder", work: string): Promise<Recorded> {
  const dir = join(work, ours);
  mkdirSync(dir, { recursive: true });
  const [mine, theirs] = ours === "initiator" ? [lab.r1, lab.r2] : [lab.r2, lab.r1];
  const capture = await startCapture(lab, lab.r1, join(dir, "aggressive-mode.pcap"));
  let charon: Charon | undefined;
  try {
    charon = await startCharon(
      lab,
      theirs,
      join(dir, "charon"),
      ikev1PskConfig({ name: "am", local: theirs, remote: mine, proposal: "aes128-sha1-modp1024", psk: PSK, lifetime: 86400, localTs: "10.9.9.0/24", remoteTs: "10.8.8.0/24", aggressive: true }),
      { aggressivePsk: ours === "initiator" },
    );
    const settings: AggressivePeerSettings = { local: mine.address, remote: theirs.address, psk: PSK, timeoutMs: 15_000 };
    const peer = runPeerScript<AggressivePeerSettings, AggressivePeerRecord>(lab, mine, "grader/interop/aggressive-mode-peer.ts", ours, dir, settings);
    let record: AggressivePeerRecord;
    if (ours === "responder") {
      const swanctl = lab.spawn(theirs, ["swanctl", "--initiate", "--ike", "am", "--timeout", "10", "--uri", charon.viciUri]);
      try {
        record = await peer;
      } finally {
        await stopProcess(swanctl);
      }
    } else {
      record = await peer;
    }
    // Let charon process message 3 (or our reply to it) and flush its log.
    await new Promise((r) => setTimeout(r, 500));
    const log = charon.log();
    const established = log.split("\n").find((l) => /IKE_SA am\[\d+\] established/.test(l));
    if (!established) throw new Error(`charon did not establish the IKE SA with our ${ours}:\n${log.split("\n").filter((l) => /\[IKE\]|\[ENC\] (parsed|generating)/.test(l)).join("\n")}`);
    return { peer: record, charon: lastDumps(log, { ...PHASE1_DUMPS, hashI: "HASH_I", hashR: "HASH_R" }), established: established.replace(/^\d\d\[IKE\] /, "").trim() };
  } finally {
    await charon?.stop();
    await capture.stop();
  }
}

/** A hex string as a TypeScript expression, 96 digits a line. */
const wrap = (s: string, indent: string) => s.match(/.{1,96}/g)!.map((l) => JSON.stringify(l)).join(` +\n${indent}  `);
const list = (items: readonly string[]) => `[\n${items.map((i) => `    ${wrap(i, "    ")},`).join("\n")}\n  ]`;

function vector(name: string, label: string, ours: "initiator" | "responder", x: Recorded): string {
  return [
    `export const ${name}: AggressiveExchange = {`,
    `  label: ${JSON.stringify(label)},`,
    `  ours: ${JSON.stringify(ours)},`,
    `  established: ${JSON.stringify(x.established)},`,
    `  draws: ${list(x.peer.draws)},`,
    `  messages: ${list(x.peer.messages)},`,
    `  message3Port: ${x.peer.message3Port},`,
    `  nat: ${JSON.stringify(x.peer.nat).replace(/"(\w+)":/g, "$1: ").replace(/,/g, ", ")},`,
    `  lastIv: ${JSON.stringify(x.peer.lastIv)},`,
    `  charon: {`,
    ...Object.entries(x.charon).map(([k, v]) => `    ${k}:\n      ${wrap(v, "    ")},`),
    `  },`,
    `};`,
  ].join("\n");
}

const lab = createLab("ipsc8r");
const work = mkdtempSync(join(tmpdir(), "ipsec-course-aggressive-"));
try {
  const asInitiator = await half(lab, "initiator", work);
  const asResponder = await half(lab, "responder", work);
  process.stdout.write(`/**
 * Aggressive mode between the course's reference solution and strongSwan
 * 5.9.8 (charon), recorded by grader/interop/record-aggressive-mode.ts in two
 * network namespaces, 192.168.12.1 (initiator) and 192.168.12.2: the seed's
 * proposal (AES-CBC-128, SHA, group 2, pre-shared key, 86400 s), pre-shared
 * key ${JSON.stringify(PSK)}, NAT traversal on both sides, no other vendor IDs
 * on our side, 20-octet nonces on our side (charon sends 32), our identity
 * ID_IPV4_ADDR with protocol 17 and port 500 (charon's: protocol 0, port 0).
 *
 * In both recordings charon logged the IKE SA as established (\`established\`):
 * it accepted our message 2 (HASH_R) or our message 3 (HASH_I, encrypted).
 * \`draws\` are the random octets our side took, in order: cookie (8),
 * Diffie-Hellman private value (128), nonce (20). \`messages\` are messages
 * 1 to 3 as ISAKMP octets (message 3 travelled to UDP \`message3Port\`, after
 * the non-ESP marker on 4500, which is not part of it). \`charon\` is what
 * charon printed at log level 4: g^xy, SKEYID, SKEYID_d/a/e, the encryption
 * key, the first IV, HASH_I and HASH_R. \`nat\` and \`lastIv\` are what our
 * side concluded.
 *
 * charon with kernel-libipsec fakes its own NAT-D hash to force UDP
 * encapsulation, so our side sees the peer "behind a NAT" and the initiator
 * sends message 3 to UDP 4500.
 */
import type { CharonAuthHashes, CharonPhase1Keys } from "../vectors/charon-keys.ts";

export interface AggressiveExchange {
  readonly label: string;
  /** The role the reference solution played; charon played the other. */
  readonly ours: "initiator" | "responder";
  readonly established: string;
  readonly draws: readonly string[];
  readonly messages: readonly [string, string, string];
  readonly message3Port: number;
  readonly nat: { readonly localBehindNat: boolean; readonly remoteBehindNat: boolean };
  readonly lastIv: string;
  readonly charon: CharonPhase1Keys & CharonAuthHashes;
}

export const STRONGSWAN_PSK = ${JSON.stringify(PSK)};

${vector("OURS_INITIATOR", "our initiator, charon responding", "initiator", asInitiator)}

${vector("OURS_RESPONDER", "charon initiating, our responder", "responder", asResponder)}

export const STRONGSWAN_AGGRESSIVE: readonly AggressiveExchange[] = [OURS_INITIATOR, OURS_RESPONDER];
`);
} finally {
  lab.destroy();
  if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
}

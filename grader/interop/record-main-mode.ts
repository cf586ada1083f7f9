/**
 * Records main mode messages 1 to 4 between the reference solution and
 * strongSwan, in both roles, and prints them as the fixed vectors of
 * chapter 07's hidden tests (grader/tests/07-main-mode/strongswan-vectors.ts):
 *
 *   sudo npx tsx grader/interop/record-main-mode.ts > grader/tests/07-main-mode/strongswan-vectors.ts
 *
 * What makes them worth fixing: charon accepted our messages 2 and 4 (it
 * went on to send message 5, encrypted with keys equal to ours) and computed
 * the same keys from our messages 1 and 3; every random octet our side used
 * is recorded, so a learner's code fed the same octets must build the very
 * messages charon accepted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PHASE1_DUMPS, lastDumps } from "./charon.ts";
import { HALF_PROPOSALS, PSK, runHalfExchange, type HalfExchange } from "./main-mode-half.ts";
import { createLab } from "./netns.ts";

/** A hex string as a TypeScript expression, 96 digits a line, continuation lines indented below `indent`. */
const wrap = (s: string, indent: string) => s.match(/.{1,96}/g)!.map((l) => JSON.stringify(l)).join(` +\n${indent}  `);
const list = (items: readonly string[]) => `[\n${items.map((i) => `    ${wrap(i, "    ")},`).join("\n")}\n  ]`;

function vector(name: string, label: string, x: HalfExchange): string {
  const c = lastDumps(x.charonLog, PHASE1_DUMPS);
  const p = x.peer;
  const lines = [
    `export const ${name}: HalfMainMode = {`,
    `  label: ${JSON.stringify(label)},`,
    `  ours: ${JSON.stringify(x.ours)},`,
    `  suite: { ${Object.entries(x.proposal.suite).map(([k, v]) => `${k}: ${v}`).join(", ")} },`,
    `  draws: ${list(p.draws)},`,
    `  messages: ${list(p.messages)},`,
    ...(p.message5 ? [`  message5:\n    ${wrap(p.message5, "  ")},`] : []),
    `  charon: {`,
    ...Object.entries(c).map(([k, v]) => `    ${k}:\n      ${wrap(v, "    ")},`),
    `  },`,
    `};`,
  ];
  return lines.join("\n");
}

async function record(): Promise<string> {
  const lab = createLab("ipsc7r");
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-main-mode-"));
  try {
    const runs: string[] = [];
    const names: string[] = [];
    for (const [i, proposal] of HALF_PROPOSALS.entries()) {
      for (const ours of ["initiator", "responder"] as const) {
        const name = `OURS_${ours.toUpperCase()}${i === 0 ? "" : "_" + proposal.strongswan.split("-")[0]!.toUpperCase()}`;
        const label = `${proposal.label}: ${ours === "initiator" ? "our initiator, charon responding" : "charon initiating, our responder"}`;
        runs.push(vector(name, label, await runHalfExchange(lab, ours, proposal, work)));
        names.push(name);
      }
    }
    return `/**
 * Main mode messages 1 to 4 between the course's reference solution and
 * strongSwan 5.9.8 (charon), recorded by grader/interop/record-main-mode.ts in
 * two network namespaces: 192.168.12.1 and 192.168.12.2, UDP 500, the seed's
 * proposal (AES-CBC-128, SHA, group 2, pre-shared key, 86400 s) and a stronger
 * one (AES-CBC-256, SHA2-256, group 14), pre-shared key ${JSON.stringify(PSK)}, NAT
 * traversal on both sides, no other vendor IDs on our side, 20-octet nonces
 * on our side (charon sends 32).
 *
 * \`draws\` are the random octets our side took, in order: the cookie (8),
 * the Diffie-Hellman private value (the group's length: 128 or 256), the
 * nonce (20). \`messages\` are the
 * four ISAKMP messages as they travelled (ours and charon's). \`charon\` is
 * what charon printed at log level 4 after message 3 or 4: its g^xy, SKEYID,
 * SKEYID_d/a/e, encryption key and first IV. When we were the responder,
 * charon answered our message 4 with message 5 (\`message5\`, encrypted with
 * those keys, sent to UDP 4500; the non-ESP marker is not part of it).
 *
 * charon runs with kernel-libipsec, which makes it fake its own NAT-D hash
 * ("faking NAT situation to enforce UDP encapsulation"): its NAT-D payload
 * for itself never matches, so our side concludes the peer is behind a NAT.
 */
import type { IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import type { CharonPhase1Keys } from "../vectors/charon-keys.ts";

export interface HalfMainMode {
  readonly label: string;
  /** The role the reference solution played; charon played the other. */
  readonly ours: "initiator" | "responder";
  /** The one proposal both sides had. */
  readonly suite: IkeSuite;
  readonly draws: readonly string[];
  readonly messages: readonly [string, string, string, string];
  readonly message5?: string;
  readonly charon: CharonPhase1Keys;
}

export const STRONGSWAN_PSK = ${JSON.stringify(PSK)};

${runs.join("\n\n")}

export const STRONGSWAN_HALF_EXCHANGES: readonly HalfMainMode[] = [${names.join(", ")}];
`;
  } finally {
    lab.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  }
}

process.stdout.write(await record());

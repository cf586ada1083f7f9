/**
 * Main mode messages 1 to 4 of the reference solution against strongSwan,
 * on real UDP sockets in two namespaces, in both roles, with the seed's
 * proposal and with AES-CBC-256/SHA2-256/group 14 (main-mode-half.ts):
 * - charon, as responder, derives from our messages 1 and 3 the keys our
 *   phase1Keys derives (it logs them at level 4);
 * - charon, as initiator, accepts our messages 2 and 4: it sends message 5,
 *   encrypted with the keys we derived, and our decryption of it holds
 *   charon's identity and the HASH_I it logged;
 * - tshark dissects all sixteen messages with no malformed packet and no
 *   expert info;
 * - the seed's configuration (grader/src/pcap/scenarios/seed-config.ts)
 *   gives messages 1 to 4 whose ISAKMP lengths (168, 108, 284, 304) and
 *   vendor ID names tshark reads as the seed's captures show them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pcapFile } from "../src/pcap/file.ts";
import { udpPacket } from "../src/pcap/framing.ts";
import { SEED_MAIN_MODE_LENGTHS, SEED_R1, SEED_R2, seedInitiatorConfig, seedResponderConfig } from "../src/pcap/scenarios/seed-config.ts";
import { decryptBody } from "../../solutions/06-phase1-keys/cbc.ts";
import { initiatorState } from "../../solutions/07-main-mode/exchange.ts";
import { suiteAlgorithms } from "../../solutions/07-main-mode/keys.ts";
import { mainMode1 } from "../../solutions/07-main-mode/message-1.ts";
import { mainMode2 } from "../../solutions/07-main-mode/message-2.ts";
import { mainMode3 } from "../../solutions/07-main-mode/message-3.ts";
import { mainMode4 } from "../../solutions/07-main-mode/message-4.ts";
import { CHARON, charonDumps } from "./charon.ts";
import { HALF_PROPOSALS, runHalfExchange, type HalfExchange } from "./main-mode-half.ts";
import { walkPayloads } from "./isakmp-walk.ts";
import { createLab, type Lab } from "./netns.ts";
import { interopSuite } from "./tools.ts";
import { tsharkExpert, tsharkFields, tsharkVerbose } from "./tshark.ts";
import { hex } from "../src/teach/hexdump.ts";

const bytes = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

function logged(log: string, label: string): string {
  const d = charonDumps(log).filter((x) => x.label === label).at(-1);
  if (!d) throw new Error(`charon's log has no "${label}" dump`);
  return hex(d.bytes);
}

function expectCleanDissection(pcap: string, what: string): void {
  const rows = tsharkFields(pcap, ["_ws.malformed", "_ws.expert", "isakmp.length"], { filter: "isakmp" });
  expect(rows.length, `${what}: tshark finds ISAKMP messages`).toBeGreaterThan(0);
  rows.forEach((r, i) => {
    expect(r["_ws.malformed"], `${what}, ISAKMP message ${i + 1}: tshark marked it malformed`).toEqual([]);
    expect(r["_ws.expert"], `${what}, ISAKMP message ${i + 1}: tshark raised expert info`).toEqual([]);
  });
  expect(tsharkExpert(pcap, { filter: "isakmp" }), `${what}: tshark's expert summary`).not.toMatch(/Warning|Error|Malformed/);
}

interopSuite("strongSwan and the reference solution: main mode messages 1 to 4", { tools: ["ip", "unshare", "dumpcap", "tshark", "swanctl", CHARON], root: true }, () => {
  let lab: Lab | undefined;
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-mm-half-"));
  const runs = new Map<string, HalfExchange>();
  const cases = HALF_PROPOSALS.flatMap((proposal) => (["initiator", "responder"] as const).map((role) => ({ proposal, role, name: `our ${role}, ${proposal.label}` })));
  const run = (name: string) => {
    const x = runs.get(name);
    if (!x) throw new Error(`the exchange "${name}" did not run (see beforeAll)`);
    return x;
  };

  beforeAll(async () => {
    lab = createLab("ipsc7i");
    for (const c of cases) runs.set(c.name, await runHalfExchange(lab, c.role, c.proposal, work));
  });

  afterAll(() => {
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  for (const { name } of cases) {
    test(`${name}: charon's SKEYID, SKEYID_d/a/e, encryption key and first IV equal our phase1Keys`, () => {
      const { peer, charonLog } = run(name);
      for (const [k, label] of [["skeyid", "SKEYID"], ["skeyid_d", "SKEYID_d"], ["skeyid_a", "SKEYID_a"], ["skeyid_e", "SKEYID_e"]] as const) {
        expect(peer.keys[k], `${label}: ours against charon's log`).toBe(logged(charonLog, label));
      }
      expect(peer.keys.encKey, "the AES key (the first 16 or 32 octets of SKEYID_e)").toBe(logged(charonLog, "encryption key Ka"));
      expect(peer.iv, "the first IV, hash(g^xi | g^xr)").toBe(logged(charonLog, "initial IV"));
    });
  }

  for (const { name, proposal } of cases.filter((c) => c.role === "responder")) {
    test(`${name}: charon accepted messages 2 and 4 and sent message 5, which our keys decrypt to its ID and HASH_I`, () => {
      const { peer, charonLog } = run(name);
      expect(peer.message5, "charon sent message 5 on UDP 4500").toBeDefined();
      const m5 = bytes(peer.message5!);
      expect(m5[19]! & 1, "message 5 has the E flag").toBe(1);
      const d = decryptBody(suiteAlgorithms(proposal.suite).cipher, bytes(peer.keys.encKey!), bytes(peer.iv), m5.subarray(28));
      const { payloads } = walkPayloads(m5[16]!, d.plaintext);
      const id = payloads.find((p) => p.type === 5);
      expect(id && [...id.body.subarray(4)].join("."), "the decrypted ID is charon's address").toBe("192.168.12.1");
      expect(hex(payloads.find((p) => p.type === 8)!.body), "the decrypted HASH is the HASH_I charon logged").toBe(logged(charonLog, "HASH_I"));
    });

    test(`${name}: our NAT detection sees charon's faked NAT-D: the peer is behind a NAT, we are not`, () => {
      // kernel-libipsec makes charon fake its own NAT-D hash to force UDP
      // encapsulation ("faking NAT situation"); our detectNat must notice,
      // with SHA-1 and with SHA2-256 hashes alike.
      const { peer, charonLog } = run(name);
      expect(charonLog).toMatch(/faking NAT situation/);
      expect(peer.nat).toEqual({ localBehindNat: false, remoteBehindNat: true });
    });
  }

  test("tshark dissects every exchange (our messages and charon's) with no malformed packet and no expert info", () => {
    for (const { name } of cases) expectCleanDissection(run(name).pcap, name);
  });

  test("configured like the seed's routers, messages 1 to 4 are 168, 108, 284 and 304 octets, with the seed's vendor IDs", () => {
    let counter = 0;
    const random = (n: number) => Uint8Array.from({ length: n }, () => (counter = (counter * 75 + 74) % 65537) & 0xff);
    const one = mainMode1(initiatorState("main", seedInitiatorConfig(random)));
    const two = mainMode2(seedResponderConfig(random), one.send!);
    const three = mainMode3(one.state, two.send!);
    const four = mainMode4(two.state, three.send!);
    const sent = [
      { src: SEED_R1.address, dst: SEED_R2.address, payload: one.send! },
      { src: SEED_R2.address, dst: SEED_R1.address, payload: two.send! },
      { src: SEED_R1.address, dst: SEED_R2.address, payload: three.send! },
      { src: SEED_R2.address, dst: SEED_R1.address, payload: four.send! },
    ];
    const file = join(work, "seed-main-mode.pcap");
    writeFileSync(file, pcapFile(sent.map((m, i) => ({ time: 1_700_000_000 + i * 0.004, ip: udpPacket({ ...m, sport: 500, dport: 500, id: i + 1 }) }))));
    expectCleanDissection(file, "the seed-configured exchange");
    const rows = tsharkFields(file, ["isakmp.length"]);
    expect(rows.map((r) => Number(r["isakmp.length"]![0])), "ISAKMP Length of messages 1-4").toEqual([...SEED_MAIN_MODE_LENGTHS]);
    // The tree lines "Payload: Vendor ID (13) : <name>", the seed's "Type Payload: Vendor ID (13) : <name>".
    const vendorIds = tsharkVerbose(file)
      .split(/^Frame \d+:/m)
      .slice(1)
      .map((frame) => [...frame.matchAll(/^ {4}Payload: Vendor ID \(13\) : (.*)$/gm)].map((m) => m[1]));
    expect(vendorIds, "vendor IDs as Wireshark names them, message by message").toEqual([
      ["RFC 3947 Negotiation of NAT-Traversal in the IKE", "draft-ietf-ipsec-nat-t-ike-07", "draft-ietf-ipsec-nat-t-ike-03", "draft-ietf-ipsec-nat-t-ike-02\\n"],
      ["RFC 3947 Negotiation of NAT-Traversal in the IKE"],
      ["RFC 3706 DPD (Dead Peer Detection)", "Unknown Vendor ID", "XAUTH"],
      ["CISCO-UNITY 1.0", "RFC 3706 DPD (Dead Peer Detection)", "Unknown Vendor ID", "XAUTH"],
    ]);
  });
});

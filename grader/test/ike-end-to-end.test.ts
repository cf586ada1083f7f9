/**
 * In-process end to end: two peers running the reference solution complete
 * main mode + quick mode and aggressive mode + quick mode over the in-memory
 * link, and hold the same keys, each direction the mirror of the other: what
 * the initiator sends with (outbound SPI and keys) is what the responder
 * receives with, and the other way round. With a lossy link that also
 * duplicates datagrams they still complete, through retransmissions and
 * answered duplicates. A wrong pre-shared key fails on both sides.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { implLoader } from "../src/impl-loader.ts";
import { peerSettings, type PeerSettings } from "../src/ike/config.ts";
import type { LinkFaults } from "../src/ike/memory-link.ts";
import type { ChildSa } from "../src/ike/modules.ts";
import { seededRandom } from "../src/ike/seeded-random.ts";
import { simulate, type Simulation } from "../src/ike/simulate.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { implCopy } from "./helpers.ts";

const R1 = "192.168.12.1";
const R2 = "192.168.12.2";
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

interface Variant {
  readonly mode: "main" | "aggressive";
  readonly phase1?: string;
  readonly phase2?: string;
  readonly pfsGroup?: string;
  readonly psk?: { readonly initiator: string; readonly responder: string };
  /** Which sides force UDP encapsulation ("encap", as the tunnel daemon does). */
  readonly encap?: { readonly initiator: boolean; readonly responder: boolean };
}

function pair(v: Variant, label: string): { initiator: PeerSettings; responder: PeerSettings } {
  const common = { mode: v.mode, phase1: v.phase1 ?? "aes128-sha1-modp1024", phase2: v.phase2 ?? "aes128-sha1", ...(v.pfsGroup ? { pfsGroup: v.pfsGroup } : {}) };
  return {
    initiator: peerSettings({ ...common, local: R1, remote: R2, psk: v.psk?.initiator ?? "cisco123", localSubnet: "10.1.1.0/24", remoteSubnet: "10.2.2.0/24", encap: v.encap?.initiator ?? false }, seededRandom(`${label}:r1`)),
    responder: peerSettings({ ...common, local: R2, remote: R1, psk: v.psk?.responder ?? "cisco123", localSubnet: "10.2.2.0/24", remoteSubnet: "10.1.1.0/24", encap: v.encap?.responder ?? false }, seededRandom(`${label}:r2`)),
  };
}

async function run(v: Variant, label: string, faults?: LinkFaults, implDir = SOLUTIONS_DIR): Promise<Simulation> {
  const { initiator, responder } = pair(v, label);
  return simulate(implLoader(implDir), initiator, responder, faults ? { faults } : {});
}

function expectMirror(sim: Simulation): void {
  const log = `\n${sim.log.join("\n")}`;
  expect(sim.initiator.error, `the initiator failed${log}`).toBeUndefined();
  expect(sim.responder.error, `the responder failed${log}`).toBeUndefined();
  expect(sim.log.filter((l) => l.includes("failed in")), `nothing failed, not even after the SAs were up${log}`).toEqual([]);
  const i = sim.initiator.outcome!;
  const r = sim.responder.outcome!;
  expect(i, `the initiator has no CHILD SA${log}`).toBeDefined();
  expect(r, `the responder has no CHILD SA${log}`).toBeDefined();
  expect(hex(i.ike.ckyR), "both sides name the IKE SA by the same cookies").toBe(hex(r.ike.ckyR));
  expect(hex(i.ike.keys.encKey), "both sides derived the same phase 1 encryption key").toBe(hex(r.ike.keys.encKey));
  expect(hex(i.ike.keys.skeyid_d), "both sides derived the same SKEYID_d (the root of every KEYMAT)").toBe(hex(r.ike.keys.skeyid_d));
  expect([i.ike.role, r.ike.role]).toEqual(["initiator", "responder"]);
  expect(i.children.length).toBe(1);
  expect(r.children.length).toBe(1);
  const [ci, cr] = [i.children[0]!, r.children[0]!] as [ChildSa, ChildSa];
  const keys = (k: ChildSa["inbound"]) => ({ spi: k.spi, enc: hex(k.encKey), integ: hex(k.integKey) });
  expect(keys(ci.outbound), "what the initiator sends with (SPI, encryption and integrity keys) is what the responder receives with").toEqual(keys(cr.inbound));
  expect(keys(cr.outbound), "what the responder sends with is what the initiator receives with").toEqual(keys(ci.inbound));
  expect(ci.inbound.spi, "each direction has its own SPI, chosen by its receiver").not.toBe(ci.outbound.spi);
  expect(hex(ci.inbound.encKey), "KEYMAT hashes the receiver's SPI, so the two directions get different keys").not.toBe(hex(ci.outbound.encKey));
  expect(ci.inbound.encKey.length + ci.inbound.integKey.length, "KEYMAT was expanded to the cipher's and the HMAC's key lengths").toBeGreaterThan(0);
  expect([ci.localSubnet, ci.remoteSubnet], "the initiator's proxy IDs").toEqual(["10.1.1.0/24", "10.2.2.0/24"]);
  expect([cr.localSubnet, cr.remoteSubnet], "the responder's proxy IDs are the mirror image").toEqual(["10.2.2.0/24", "10.1.1.0/24"]);
  expect(ci.messageId, "both sides saw the same quick mode exchange").toBe(cr.messageId);
}

const LOSSY: LinkFaults = { loss: 0.25, duplicate: 0.25, seed: "lossy" };
/** Copies that arrive 2.5 s late: after the exchange has moved on, so they are stale, not duplicates of the last message. */
const LATE_COPIES: LinkFaults = { loss: 0.1, duplicate: 0.5, duplicateDelayMs: 2500, seed: "late" };

describe("two reference peers over the in-memory link", () => {
  for (const mode of ["main", "aggressive"] as const) {
    test(`${mode} mode + quick mode: identical, direction-correct KEYMAT`, async () => {
      const sim = await run({ mode }, `${mode}-clean`);
      expectMirror(sim);
      expect(sim.wire.length, "phase 1 and three quick mode messages, nothing sent twice").toBe(mode === "main" ? 9 : 6);
    });

    test(`${mode} mode + quick mode with a quarter of the datagrams lost and a quarter duplicated`, async () => {
      const sim = await run({ mode }, `${mode}-lossy`, LOSSY);
      expectMirror(sim);
      const fates = sim.wire.map((w) => w.fate);
      expect(fates.filter((f) => f === "lost").length, "the link lost datagrams (so retransmission was needed)").toBeGreaterThan(0);
      expect(fates.filter((f) => f === "duplicated").length, "the link duplicated datagrams (so duplicates were answered or dropped)").toBeGreaterThan(0);
    });
  }

  // RFC 3947 has no "please encapsulate" flag: a side that must send ESP in UDP fakes its own NAT-D (strongSwan's encap = yes).
  // Not covered: an aggressive mode initiator forcing alone. Its NAT-D travels in message 3, after the move
  // to 4500, and names the real port (chapter 08), so a responder that does not force too sees no NAT.
  const forcing = [["both sides", { initiator: true, responder: true }], ["the initiator alone", { initiator: true, responder: false }], ["the responder alone", { initiator: false, responder: true }]] as const;
  for (const mode of ["main", "aggressive"] as const) {
    for (const [who, encap] of forcing.filter(([, e]) => mode === "main" || e.responder)) {
      test(`${mode} mode, encap forced by ${who}: IKE moves to 4500 and quick mode agrees on UDP-Encapsulated-Tunnel`, async () => {
        const sim = await run({ mode, encap }, `${mode}-encap-${encap.initiator}-${encap.responder}`);
        expectMirror(sim);
        const last = sim.wire.at(-1)!;
        expect([last.src.port, last.dst.port], `the last IKE message travels 4500 -> 4500, behind the non-ESP marker\n${sim.log.join("\n")}`).toEqual([4500, 4500]);
        for (const p of [sim.initiator, sim.responder]) expect(p.children[0]!.udpEncapsulation, `${p.ike?.role ?? "a peer"}'s CHILD SA is UDP-encapsulated (mode 3), as the tunnel's data plane sends it`).toBe(true);
      });
    }
  }

  test("main mode + quick mode with late copies of earlier messages: they are dropped, the exchange completes", async () => {
    const sim = await run({ mode: "main" }, "main-late", LATE_COPIES);
    expectMirror(sim);
    expect(sim.log.some((l) => /dropped a message of the main mode|dropped a message after the exchange was complete/.test(l)), `some copy arrived after its exchange had moved on\n${sim.log.join("\n")}`).toBe(true);
  });

  test("quick mode with PFS (group 2) and a stronger proposal (AES-256, SHA2-256, group 14)", async () => {
    expectMirror(await run({ mode: "main", pfsGroup: "modp1024" }, "pfs"));
    const strong = await run({ mode: "main", phase1: "aes256-sha256-modp2048", phase2: "aes256-sha256" }, "strong");
    expectMirror(strong);
    expect(strong.initiator.outcome!.ike.keys.encKey.length, "AES-256 takes 32 octets of key").toBe(32);
  });

  test("Delete: the initiator deletes its CHILD SA and the IKE SA; the responder removes its CHILD SA (chapter 10, protected)", async () => {
    const sim = await run({ mode: "main" }, "delete");
    expectMirror(sim);
    const child = sim.initiator.outcome!.children[0]!;
    sim.act((initiator) => initiator.deleteSas());
    expect(sim.responder.children, `the responder holds no CHILD SA any more\n${sim.log.join("\n")}`).toEqual([]);
    const said = (text: string) => sim.log.some((l) => l.includes(`responder: <- DELETE: the peer deleted ${text}`));
    // The Delete carries the initiator's inbound SPI (the responder's outbound); the responder's
    // log names the CHILD SA it removed by its own inbound SPI, the initiator's outbound one.
    expect(said(`CHILD SA ${child.outbound.spi.toString(16).padStart(8, "0")}`), `the responder applied the CHILD SA's Delete\n${sim.log.join("\n")}`).toBe(true);
    expect(said("the IKE SA"), "the responder applied the IKE SA's Delete").toBe(true);
  });

  test("the peers run the implementation they are given: with quickFinish not written, the responder stops there", async () => {
    const impl = implCopy(SOLUTIONS_DIR, {
      "09-quick-mode/message-3.ts": `import { todo } from "@course/todo.ts";\nexport { quick3 } from ${JSON.stringify(join(SOLUTIONS_DIR, "09-quick-mode/message-3.ts"))};\nexport function quickFinish(): never {\n  return todo("quickFinish");\n}\n`,
    });
    const sim = await run({ mode: "main" }, "unfinished", undefined, impl);
    expect(sim.initiator.outcome, "the initiator never calls quickFinish: it completes").toBeDefined();
    expect(sim.responder.error?.message).toMatch(/^quick mode [0-9a-f]{8}: quickFinish is not written yet/);
  });

  for (const mode of ["main", "aggressive"] as const) {
    test(`${mode} mode with different pre-shared keys fails on both sides, saying so`, async () => {
      const sim = await run({ mode, psk: { initiator: "cisco123", responder: "cisco124" } }, `${mode}-wrong-psk`);
      const log = `\n${sim.log.join("\n")}`;
      expect(sim.initiator.outcome, `the initiator must not have SAs${log}`).toBeUndefined();
      expect(sim.responder.outcome, `the responder must not have SAs${log}`).toBeUndefined();
      for (const side of [sim.initiator, sim.responder]) expect(side.error?.message, `each side reports the failure${log}`).toMatch(/pre-shared keys differ\?/);
    });
  }
});

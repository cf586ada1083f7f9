/**
 * Main mode messages 5 and 6 of the reference solution, read by Wireshark.
 * Two reference peers run all six messages (the seed's routers, then two
 * other suites, one of them with a NAT so that messages 5 and 6 travel on
 * UDP 4500 behind the non-ESP marker); the datagrams go into a capture, and
 * tshark, given only the initiator cookie and our encryption key in its own
 * ikev1_decryption_table, decrypts messages 5 and 6. It derives the IVs
 * itself, so this checks our sealing, padding, Length and IV chain against a
 * second, independent IKEv1 implementation: the decrypted identities must be
 * the configured ones and the decrypted hashes chapter 06's HASH_I and
 * HASH_R, with no expert-info errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { encodeIdentification } from "@ref/03-payloads/identification.ts";
import { hashI, hashR } from "@ref/06-phase1-keys/auth-hash.ts";
import { initiatorState, type Phase1Config } from "@ref/07-main-mode/exchange.ts";
import { mainModeFinish } from "@ref/07-main-mode/finish.ts";
import { mainMode1 } from "@ref/07-main-mode/message-1.ts";
import { mainMode2 } from "@ref/07-main-mode/message-2.ts";
import { mainMode3 } from "@ref/07-main-mode/message-3.ts";
import { mainMode4 } from "@ref/07-main-mode/message-4.ts";
import { mainMode5, transportEndpoints } from "@ref/07-main-mode/message-5.ts";
import { mainMode6 } from "@ref/07-main-mode/message-6.ts";
import { pcapFile } from "../src/pcap/file.ts";
import { udpPacket } from "../src/pcap/framing.ts";
import { seedInitiatorConfig, seedResponderConfig } from "../src/pcap/scenarios/seed-config.ts";
import { interopSuite } from "./tools.ts";
import { tsharkExpert, tsharkFields } from "./tshark.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const work = mkdtempSync(join(tmpdir(), "ipsec-course-mm-encryption-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A deterministic random source: the capture is the same on every run. */
function counter(seed: number): (n: number) => Uint8Array {
  let x = seed;
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return (x >>> 16) & 0xff;
    });
}

interface Case {
  readonly label: string;
  readonly suite: Phase1Config["suites"][number];
  /** The responder sees the initiator behind a NAT: messages 5 and 6 float to 4500. */
  readonly nat: boolean;
}

const CASES: readonly Case[] = [
  { label: "the seed's routers: AES-128, SHA-1, group 2, UDP 500", suite: { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 }, nat: false },
  { label: "AES-256, SHA2-256, group 14, behind a NAT (UDP 4500)", suite: { encryption: 7, keyLength: 256, hash: 4, authMethod: 1, group: 14, lifetimeSeconds: 86400 }, nat: true },
  { label: "3DES, MD5, group 2", suite: { encryption: 5, hash: 1, authMethod: 1, group: 2, lifetimeSeconds: 86400 }, nat: false },
];

interopSuite("tshark decrypts the reference's main mode messages 5 and 6", { tools: ["tshark"] }, () => {
  CASES.forEach((c, index) => {
    describe(c.label, () => {
      test("identities and hashes as configured and computed, no expert errors", () => {
        const random = counter(index + 1);
        const initiator: Phase1Config = { ...seedInitiatorConfig(random), suites: [c.suite] };
        const base = seedResponderConfig(random);
        // Behind a NAT the responder sees another source port: the NAT-D hashes differ.
        const responder: Phase1Config = { ...base, suites: [c.suite], remote: c.nat ? { ...base.remote, port: 1500 } : base.remote };
        const s1 = mainMode1(initiatorState("main", initiator));
        const s2 = mainMode2(responder, s1.send!);
        const s3 = mainMode3(s1.state, s2.send!);
        const s4 = mainMode4(s2.state, s3.send!);
        const s5 = mainMode5(s3.state, s4.send!);
        const s6 = mainMode6(s4.state, s5.send!);
        const done = mainModeFinish(s5.state, s6.send!);
        expect(done.established!.keys.encKey, "both ends hold the same key").toEqual(s6.established!.keys.encKey);

        const i = initiator.local;
        const r = initiator.remote;
        const float = transportEndpoints(s5.state);
        expect(float.local.port, "the initiator floats to 4500 exactly when a NAT was seen").toBe(c.nat ? 4500 : 500);
        const marker = new Uint8Array(4);
        const onWire = (m: Uint8Array) => (float.local.port === 4500 ? Uint8Array.from([...marker, ...m]) : m);
        const datagrams = [
          { from: i, to: r, sport: 500, dport: 500, payload: s1.send! },
          { from: r, to: i, sport: 500, dport: 500, payload: s2.send! },
          { from: i, to: r, sport: 500, dport: 500, payload: s3.send! },
          { from: r, to: i, sport: 500, dport: 500, payload: s4.send! },
          { from: i, to: r, sport: float.local.port, dport: float.remote.port, payload: onWire(s5.send!) },
          { from: r, to: i, sport: float.remote.port, dport: float.local.port, payload: onWire(s6.send!) },
        ];
        const file = join(work, `main-mode-${index}.pcap`);
        writeFileSync(
          file,
          pcapFile(datagrams.map((d, n) => ({ time: 1_767_225_600 + n / 100, ip: udpPacket({ src: d.from.address, dst: d.to.address, sport: d.sport, dport: d.dport, payload: d.payload, id: n + 1 }) }))),
        );
        const home = join(work, `wireshark-${index}`);
        mkdirSync(join(home, "wireshark"), { recursive: true });
        writeFileSync(join(home, "wireshark", "ikev1_decryption_table"), `${hex(s1.state.ckyI)},${hex(s6.established!.keys.encKey)}\n`);

        const rows = tsharkFields(file, ["isakmp.length", "isakmp.id.data.ipv4_addr", "isakmp.hash"], { configHome: home, filter: "isakmp.exchangetype == 2 && isakmp.flag_e == 1" });
        expect(rows.length, "tshark finds messages 5 and 6 with the E flag").toBe(2);
        const keys = s6.established!.keys;
        const t = { gxi: s5.state.gxi!, gxr: s5.state.gxr!, ckyI: s5.state.ckyI, ckyR: s5.state.ckyR, saiB: s5.state.saiB! };
        const wantI = hashI(keys.hash, keys.skeyid, t, encodeIdentification(initiator.identity));
        const wantR = hashR(keys.hash, keys.skeyid, t, encodeIdentification(responder.identity));
        expect(rows.map((x) => x["isakmp.length"]), "ISAKMP Length of messages 5 and 6 (tshark) = the datagrams' lengths").toEqual([[String(s5.send!.length)], [String(s6.send!.length)]]);
        expect(rows.map((x) => x["isakmp.id.data.ipv4_addr"]), "the identities tshark decrypted").toEqual([[i.address], [r.address]]);
        expect(rows.map((x) => x["isakmp.hash"]), "the hashes tshark decrypted are chapter 06's HASH_I and HASH_R").toEqual([[hex(wantI)], [hex(wantR)]]);
        const expert = tsharkExpert(file, { configHome: home });
        expect(expert, "tshark's expert info has no errors or malformed packets").not.toMatch(/Error|Malformed/i);
      });
    });
  });
});

/**
 * Our Diffie-Hellman and phase-1 key code against strongSwan: two charon
 * daemons in two namespaces (192.168.12.1 and .2, as in the seed) run IKEv1
 * main mode with a pre-shared key, once with the seed's proposal
 * (AES-CBC-128, SHA-1, group 2, 86400 s) and once with AES-CBC-256,
 * SHA2-256, group 14. We capture the exchange on the wire and read what
 * charon logs at level 4 (its DH secret, keys and IVs, HASH_I/HASH_R), then
 * derive everything again with the course's reference code from the captured
 * messages: nonces, cookies, public values and SA body come from the capture,
 * only g^xy comes from the log (it never travels). Messages 5 and 6 are then
 * decrypted with our key and IVs and must hold an ID payload with the
 * sender's address and the HASH charon computed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CipherName, HashName } from "@course/ike-algorithms.ts";
import { IKE_CIPHERS } from "@course/ike-algorithms.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { checkPeerPublic } from "@ref/05-diffie-hellman/peer-value.ts";
import { hashI, hashR, type Phase1Transcript } from "@ref/06-phase1-keys/auth-hash.ts";
import { decryptBody, encryptBody } from "@ref/06-phase1-keys/cbc.ts";
import { encryptionKey } from "@ref/06-phase1-keys/enc-key.ts";
import { exchangeIv, phase1Iv } from "@ref/06-phase1-keys/iv.ts";
import { deriveKeys, skeyidPsk } from "@ref/06-phase1-keys/skeyid.ts";
import { startCapture, udpDatagrams } from "./capture.ts";
import { CHARON, charonDumps, ikev1PskConfig, startCharon, type Charon, type LogDump } from "./charon.ts";
import { isakmpMessage, walkPayloads, type WalkedMessage } from "./isakmp-walk.ts";
import { createLab, type Lab } from "./netns.ts";
import { interopSuite } from "./tools.ts";
import { tsharkFields } from "./tshark.ts";
import { hex } from "../src/teach/hexdump.ts";

const PSK = "cisco123"; // a lab key, as in the seed's router configuration
const PAYLOAD = { SA: 1, KE: 4, ID: 5, HASH: 8, NONCE: 10, NOTIFY: 11 } as const;

interface Proposal {
  readonly label: string;
  /** strongSwan's name for it. */
  readonly strongswan: string;
  readonly cipher: CipherName;
  readonly hash: HashName;
  readonly group: number;
}

const PROPOSALS: readonly Proposal[] = [
  { label: "the seed's proposal: AES-CBC-128, SHA-1, group 2", strongswan: "aes128-sha1-modp1024", cipher: "aes128", hash: "sha1", group: 2 },
  { label: "AES-CBC-256, SHA2-256, group 14", strongswan: "aes256-sha256-modp2048", cipher: "aes256", hash: "sha256", group: 14 },
];

interface Exchange {
  readonly initiator: string;
  readonly responder: string;
  /** The ISAKMP messages on the wire, in order (main mode, then quick mode). */
  readonly messages: WalkedMessage[];
  /** The capture file, for tshark. */
  readonly pcap: string;
}

/** The first dump with this label in a charon log; a clear failure if charon did not print it. */
function logged(log: string, label: string): Uint8Array {
  const dump: LogDump | undefined = charonDumps(log).find((d) => d.label === label);
  if (!dump) throw new Error(`charon's log has no "${label}" dump`);
  return dump.bytes;
}

function payload(m: WalkedMessage, type: number): Uint8Array {
  const p = walkPayloads(m.nextPayload, m.body).payloads.find((x) => x.type === type);
  if (!p) throw new Error(`no payload of type ${type} in the message`);
  return p.body;
}

interopSuite("strongSwan derives the same phase-1 keys as the course", { tools: ["ip", "unshare", "dumpcap", "tshark", "swanctl", CHARON], root: true }, () => {
  let lab: Lab | undefined;
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-strongswan-"));
  const running: Charon[] = [];
  const exchanges = new Map<string, Exchange>();

  async function runExchange(p: Proposal, index: number): Promise<Exchange> {
    const dir = join(work, `exchange-${index}`);
    const capture = await startCapture(lab!, lab!.r1, join(dir, "main-mode.pcap"));
    try {
      const common = { name: "mm", proposal: p.strongswan, psk: PSK, lifetime: 86400 };
      const r1 = await startCharon(lab!, lab!.r1, join(dir, "r1"), ikev1PskConfig({ ...common, local: lab!.r1, remote: lab!.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
      running.push(r1);
      const r2 = await startCharon(lab!, lab!.r2, join(dir, "r2"), ikev1PskConfig({ ...common, local: lab!.r2, remote: lab!.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" }));
      running.push(r2);
      r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
      const exchange = { initiator: r1.log(), responder: r2.log(), messages: [] as WalkedMessage[], pcap: capture.file };
      await Promise.all([r1.stop(), r2.stop()]);
      await capture.stop();
      exchange.messages.push(...udpDatagrams(capture.file).map(isakmpMessage));
      return exchange;
    } finally {
      await capture.stop();
    }
  }

  beforeAll(async () => {
    lab = createLab("ipsc4");
    // Each router's protected subnet has one address on the router, so
    // charon's route into its tunnel has a source address to use.
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    for (const [i, p] of PROPOSALS.entries()) exchanges.set(p.label, await runExchange(p, i));
  });

  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  for (const p of PROPOSALS) {
    describe(p.label, () => {
      const cipher = IKE_CIPHERS[p.cipher];
      const group = modpGroup(p.group);
      const get = () => {
        const x = exchanges.get(p.label);
        if (!x) throw new Error("the exchange did not run (see beforeAll)");
        const mm = x.messages.filter((m) => m.exchangeType === 2);
        expect(mm.length, "six main mode messages on the wire").toBe(6);
        const [m1, m2, m3, m4, m5, m6] = mm as [WalkedMessage, WalkedMessage, WalkedMessage, WalkedMessage, WalkedMessage, WalkedMessage];
        const gxi = payload(m3, PAYLOAD.KE);
        const gxr = payload(m4, PAYLOAD.KE);
        const transcript: Phase1Transcript = { gxi, gxr, ckyI: m1.ckyI, ckyR: m2.ckyR, saiB: payload(m1, PAYLOAD.SA) };
        const ni = payload(m3, PAYLOAD.NONCE);
        const nr = payload(m4, PAYLOAD.NONCE);
        const gxy = logged(x.initiator, "shared Diffie Hellman secret");
        const skeyid = skeyidPsk(p.hash, new TextEncoder().encode(PSK), ni, nr);
        const keys = deriveKeys(p.hash, skeyid, gxy, transcript.ckyI, transcript.ckyR);
        const key = encryptionKey(p.hash, keys.skeyid_e, cipher.keyBytes);
        const iv = phase1Iv(p.hash, gxi, gxr, cipher.blockBytes);
        return { x, m1, m5, m6, gxi, gxr, gxy, transcript, skeyid, keys, key, iv, qm: x.messages.find((m) => m.exchangeType === 32) };
      };

      test("the public values on the wire pass our checks, and both daemons logged the same g^xy of the group's length", () => {
        const { x, gxi, gxr, gxy } = get();
        checkPeerPublic(group, gxi);
        checkPeerPublic(group, gxr);
        expect(gxy.length, `g^xy is ${group.bytes} octets in group ${group.id}`).toBe(group.bytes);
        expect(hex(logged(x.responder, "shared Diffie Hellman secret")), "the responder's g^xy").toBe(hex(gxy));
      });

      test("SKEYID, SKEYID_d, SKEYID_a, SKEYID_e and the encryption key equal charon's (both sides)", () => {
        const { x, skeyid, keys, key } = get();
        for (const log of [x.initiator, x.responder]) {
          expect(hex(skeyid), "SKEYID = prf(PSK, Ni_b | Nr_b)").toBe(hex(logged(log, "SKEYID")));
          expect(hex(keys.skeyid_d), "SKEYID_d").toBe(hex(logged(log, "SKEYID_d")));
          expect(hex(keys.skeyid_a), "SKEYID_a").toBe(hex(logged(log, "SKEYID_a")));
          expect(hex(keys.skeyid_e), "SKEYID_e").toBe(hex(logged(log, "SKEYID_e")));
          expect(hex(key), `the ${cipher.keyBytes}-octet ${p.cipher} key`).toBe(hex(logged(log, "encryption key Ka")));
        }
      });

      test("the phase-1 IV hash(g^xi | g^xr) equals charon's initial IV", () => {
        const { x, iv } = get();
        expect(hex(iv)).toBe(hex(logged(x.initiator, "initial IV")));
        expect(hex(iv)).toBe(hex(logged(x.responder, "initial IV")));
      });

      test("HASH_I and HASH_R from the captured SA body and IDs equal charon's", () => {
        const { x, transcript, skeyid } = get();
        const idI = Uint8Array.from([1, 0, 0, 0, 192, 168, 12, 1]);
        const idR = Uint8Array.from([1, 0, 0, 0, 192, 168, 12, 2]);
        expect(hex(hashI(p.hash, skeyid, transcript, idI)), "HASH_I").toBe(hex(logged(x.initiator, "HASH_I")));
        expect(hex(hashR(p.hash, skeyid, transcript, idR)), "HASH_R").toBe(hex(logged(x.responder, "HASH_R")));
      });

      test("our decryption of messages 5 and 6 (NAT-T, port 4500) gives an ID and the HASH charon sent", () => {
        const { x, m5, m6, key, iv, transcript, skeyid } = get();
        let chainIv = iv;
        for (const [m, who, hashLabel, log] of [
          [m5, "192.168.12.1", "HASH_I", x.initiator],
          [m6, "192.168.12.2", "HASH_R", x.responder],
        ] as const) {
          expect(m.flags & 1, "the E flag is set").toBe(1);
          expect(m.nextPayload, "the header's next payload is ID (5)").toBe(PAYLOAD.ID);
          const d = decryptBody(p.cipher, key, chainIv, m.body);
          const { payloads, rest } = walkPayloads(m.nextPayload, d.plaintext);
          const id = payloads[0]!;
          expect(id.type).toBe(PAYLOAD.ID);
          expect(id.body[0], "ID type 1 = ID_IPV4_ADDR").toBe(1);
          expect([...id.body.subarray(4)].join("."), "the identity is the sender's address").toBe(who);
          const hashPayload = payloads.find((q) => q.type === PAYLOAD.HASH);
          expect(hashPayload, "a HASH payload follows").toBeDefined();
          expect(hex(hashPayload!.body), `the decrypted HASH is charon's ${hashLabel}`).toBe(hex(logged(log, hashLabel)));
          const ours = hashLabel === "HASH_I" ? hashI(p.hash, skeyid, transcript, id.body) : hashR(p.hash, skeyid, transcript, id.body);
          expect(hex(hashPayload!.body), `the decrypted HASH is our ${hashLabel} over the decrypted ID body`).toBe(hex(ours));
          expect(rest.length >= 1 && rest.length <= cipher.blockBytes && rest.every((b) => b === 0), `padding is 1 to ${cipher.blockBytes} zero octets (got ${hex(rest)})`).toBe(true);
          // Encrypting the payloads again with our padding rule gives the captured bytes exactly.
          const payloadBytes = d.plaintext.subarray(0, d.plaintext.length - rest.length);
          expect(hex(encryptBody(p.cipher, key, chainIv, payloadBytes).ciphertext), "our encryption of the same payloads").toBe(hex(m.body));
          chainIv = d.nextIv;
        }
        expect(hex(chainIv), "the IV after message 6 (last ciphertext block) is charon's").toBe(hex(charonDumps(x.initiator).filter((q) => q.label === "next IV for MID 0").at(-1)!.bytes));
      });

      test("Wireshark, given only our encryption key, decrypts messages 5 and 6 to the IDs and HASHes charon sent", () => {
        // What a learner does with `ipsec-course keys`: one line per IKE SA in
        // Wireshark's ikev1_decryption_table (initiator cookie, encryption
        // key); Wireshark derives the IVs itself, so this checks our key
        // against a second, independent IKEv1 implementation.
        const { x, m1, key } = get();
        const home = join(work, `wireshark-${p.group}`);
        mkdirSync(join(home, "wireshark"), { recursive: true });
        writeFileSync(join(home, "wireshark", "ikev1_decryption_table"), `${hex(m1.ckyI)},${hex(key)}\n`);
        const rows = tsharkFields(x.pcap, ["isakmp.exchangetype", "isakmp.flag_e", "isakmp.id.data.ipv4_addr", "isakmp.hash"], {
          configHome: home,
          filter: "isakmp.exchangetype == 2 && isakmp.flag_e == 1",
        });
        expect(rows.length, "tshark finds main mode messages 5 and 6 with the E flag").toBe(2);
        expect(rows.map((r) => r["isakmp.id.data.ipv4_addr"]), "the decrypted identities").toEqual([["192.168.12.1"], ["192.168.12.2"]]);
        expect(rows[0]!["isakmp.hash"], "message 5's decrypted HASH is charon's HASH_I").toEqual([hex(logged(x.initiator, "HASH_I"))]);
        expect(rows[1]!["isakmp.hash"], "message 6's decrypted HASH is charon's HASH_R").toEqual([hex(logged(x.responder, "HASH_R"))]);
      });

      test("the quick mode IV hash(last phase-1 block | M-ID) equals charon's", () => {
        const { x, m6, qm } = get();
        expect(qm, "quick mode followed main mode").toBeDefined();
        const lastBlock = m6.body.slice(m6.body.length - cipher.blockBytes);
        const ours = exchangeIv(p.hash, lastBlock, qm!.messageId, cipher.blockBytes);
        const label = `next IV for MID ${qm!.messageId}`;
        // charon prints the IV of a new exchange before it encrypts the exchange's first message.
        expect(hex(ours)).toBe(hex(logged(x.initiator, label)));
      });
    });
  }
});

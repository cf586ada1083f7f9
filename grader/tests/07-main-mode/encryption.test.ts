/**
 * Hidden tests for 07-main-mode/encryption: strongSwan's real messages 5
 * and 6 opened with the keys charon logged and sealed again to the same
 * bytes; random messages, ciphers and IVs against the reference; padding
 * from other implementations; what a wrong key or a damaged message gives.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, isakmpHeaderLayout, rng, show, type Rng } from "@teach";
import { PacketError } from "@course/errors.ts";
import { IKE_CIPHERS, IKE_HASHES, type CipherName, type HashName } from "@course/ike-algorithms.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { openMessage, sealMessage } from "@impl/07-main-mode/encryption.ts";
import type { IsakmpMessage, Payload } from "@ref/03-payloads/message.ts";
import { encryptBody } from "@ref/06-phase1-keys/cbc.ts";
import * as ref from "@ref/07-main-mode/encryption.ts";
import type { Phase1Keys } from "@ref/07-main-mode/exchange.ts";
import { STRONGSWAN_EXCHANGES, b, cat, charonId, charonKeys, charonMessage5, charonMessage6 } from "./strongswan.ts";

const FLAGS_E = { encryption: true, commit: false, authenticationOnly: false };

function randomKeys(r: Rng, cipher: CipherName, hash: HashName): Phase1Keys {
  const n = IKE_HASHES[hash].bytes;
  return { hash, cipher, skeyid: r.bytes(n), skeyid_d: r.bytes(n), skeyid_a: r.bytes(n), skeyid_e: r.bytes(n), encKey: r.bytes(IKE_CIPHERS[cipher].keyBytes) };
}

function randomPayload(r: Rng): Payload {
  switch (r.int(0, 4)) {
    case 0:
      return { type: PayloadType.IDENTIFICATION, id: { protocolId: r.pick([0, 17]), port: r.pick([0, 500]), identity: { type: "ipv4", address: `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` } } };
    case 1:
      return { type: PayloadType.HASH, data: r.bytes(r.pick([16, 20, 32, 48, 64])) };
    case 2:
      return { type: PayloadType.NONCE, data: r.bytes(r.int(8, 64)) };
    case 3:
      return { type: PayloadType.VENDOR_ID, data: r.bytes(r.int(8, 20)) };
    default:
      return { type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: r.bytes(16), messageType: r.pick([24578, 36136, 36137]), data: r.bytes(r.pick([0, 4])) } };
  }
}

function randomMessage(r: Rng): IsakmpMessage {
  const payloads = Array.from({ length: r.int(1, 4) }, () => randomPayload(r));
  return { initiatorSpi: r.bytes(8), responderSpi: r.bytes(8), exchangeType: r.pick([2, 4, 5, 32]), flags: FLAGS_E, messageId: r.pick([0, r.int(1, 0xffffffff)]), payloads };
}

describe("step 1: strongSwan's messages 5 and 6", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(`open: ${x.label}`, () => {
      const keys = charonKeys(x);
      const m5 = charonMessage5(x);
      const o5 = openMessage(m5, keys, b(x.iv));
      expectEqual(o5.message.payloads, [
        { type: PayloadType.IDENTIFICATION, id: charonId("192.168.12.1") },
        { type: PayloadType.HASH, data: b(x.hashI) },
        { type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: cat(b(x.ckyI), b(x.ckyR)), messageType: 24578, data: new Uint8Array(0) } },
      ], { what: "openMessage(charon's message 5).message.payloads", why: "decrypted with the phase-1 IV, charon's message 5 holds its ID (192.168.12.1), HASH_I, and an INITIAL-CONTACT notify (24578): 12 + 24 (or 36) + 28 octets, then padding to ignore." });
      expectEqual(o5.message.flags, FLAGS_E, { what: "openMessage(message 5).message.flags", why: "the message travelled encrypted: the result says so." });
      expectEqual([o5.message.exchangeType, o5.message.messageId], [2, 0], { what: "openMessage(message 5): [exchangeType, messageId]" });
      expectBytes(o5.nextIv, m5.slice(-16), { what: "openMessage(message 5).nextIv", why: "the IV of message 6 is message 5's last ciphertext block." });
      const o6 = openMessage(charonMessage6(x), keys, o5.nextIv);
      expectEqual(o6.message.payloads, [
        { type: PayloadType.IDENTIFICATION, id: charonId("192.168.12.2") },
        { type: PayloadType.HASH, data: b(x.hashR) },
      ], { what: "openMessage(charon's message 6, IV = message 5's last block).message.payloads", why: "the responder's ID and HASH_R." });
    });
    test(`seal again to charon's bytes: ${x.label}`, () => {
      const keys = charonKeys(x);
      const m5 = charonMessage5(x);
      const o5 = ref.openMessage(m5, keys, b(x.iv));
      const s5 = sealMessage(o5.message, keys, b(x.iv));
      expectBytes(s5.datagram, m5, { what: `sealMessage(message 5's payloads) (${m5.length} octets)`, layout: isakmpHeaderLayout, why: "header in clear with the E flag and Length = 28 + ciphertext; the 64 octets of payloads padded with a full block of zeros as strongSwan pads; the same key and IV give charon's ciphertext exactly." });
      expectBytes(s5.nextIv, m5.slice(-16), { what: "sealMessage(message 5).nextIv" });
      const m6 = charonMessage6(x);
      const o6 = ref.openMessage(m6, keys, o5.nextIv);
      expectBytes(sealMessage(o6.message, keys, s5.nextIv).datagram, m6, { what: `sealMessage(message 6's payloads, IV = message 5's last block) (${m6.length} octets)`, layout: isakmpHeaderLayout });
    });
  }
});

describe("step 2: random messages, every cipher", () => {
  test("sealMessage gives the reference's bytes; openMessage reads them back", () => {
    const r = rng("encryption round trip");
    for (let i = 0; i < 60; i++) {
      const cipher = r.pick(Object.keys(IKE_CIPHERS) as CipherName[]);
      const keys = randomKeys(r, cipher, r.pick(["md5", "sha1", "sha256"] as const));
      const m = randomMessage(r);
      const iv = r.bytes(IKE_CIPHERS[cipher].blockBytes);
      const want = ref.sealMessage(m, keys, iv);
      const what = `sealMessage(${m.payloads.length} payload(s) [${m.payloads.map((p) => p.type).join(", ")}], ${cipher}, exchange ${m.exchangeType}, Message ID 0x${m.messageId.toString(16)})`;
      const got = sealMessage(m, keys, iv);
      expectBytes(got.datagram, want.datagram, { what, layout: isakmpHeaderLayout });
      expectBytes(got.nextIv, want.nextIv, { what: `${what}.nextIv` });
      const opened = openMessage(want.datagram, keys, iv);
      expectEqual(opened.message, m, { what: `openMessage(the datagram of ${what})` });
      expectBytes(opened.nextIv, want.datagram.slice(-IKE_CIPHERS[cipher].blockBytes), { what: "openMessage(...).nextIv", why: "the last ciphertext block, whichever side sent it." });
    }
  });
  test("sealMessage sets the E flag itself, whatever the message's flags say", () => {
    const r = rng("encryption flags");
    const keys = randomKeys(r, "aes128", "sha1");
    const m = { ...randomMessage(r), flags: { encryption: false, commit: false, authenticationOnly: false } };
    const d = sealMessage(m, keys, r.bytes(16)).datagram;
    expectEqual(d[19]! & 1, 1, { what: "the Flags byte's E bit after sealMessage(a message whose flags.encryption is false)", why: "a sealed message is encrypted: a receiver that saw E = 0 would read the ciphertext as payloads." });
  });
});

describe("step 3: other implementations' padding", () => {
  test("whatever follows the last payload is ignored", () => {
    const r = rng("encryption padding");
    for (const x of STRONGSWAN_EXCHANGES) {
      const keys = charonKeys(x);
      const clear = ref.openMessage(charonMessage6(x), keys, b(x.message5).slice(-16)).message;
      const chain = b(`0800000c01000000c0a80c02 0000${(4 + b(x.hashR).length).toString(16).padStart(4, "0")}${x.hashR}`);
      const fill = (16 - (chain.length % 16)) % 16;
      const variants: [string, Uint8Array][] = [
        [`${fill} octets of 0xff`, new Uint8Array(fill).fill(0xff)],
        [`${fill} zeros and two more blocks of zeros`, new Uint8Array(fill + 32)],
      ];
      if (fill > 0) variants.push(["random octets, the last one counting them (the RFC 2409 section 5.3 style)", cat(r.bytes(fill - 1), Uint8Array.of(fill))]);
      else variants.push(["no padding at all (the payloads fill whole blocks)", new Uint8Array(0)]);
      for (const [label, padding] of variants) {
        const plain = cat(chain, padding);
        const iv = r.bytes(16);
        const body = encryptBody(x.cipher, keys.encKey, iv, plain).ciphertext.subarray(0, plain.length);
        const d = cat(charonMessage6(x).subarray(0, 24), b((28 + body.length).toString(16).padStart(8, "0")), body);
        expectEqual(openMessage(d, keys, iv).message, clear, { what: `openMessage(charon's message 6 payloads followed by ${label})`, why: "RFC 2409 Appendix B and section 5.3 pad differently; the payload lengths say where the data ends, so a receiver ignores the rest." });
      }
    }
  });
});

describe("step 4: wrong keys and damaged messages", () => {
  test("a message in clear is refused", () => {
    const x = STRONGSWAN_EXCHANGES[0]!;
    const d = charonMessage6(x);
    d[19] = 0;
    expectThrows(() => openMessage(d, charonKeys(x), b(x.iv)), { what: "openMessage(a datagram whose E flag is 0)", error: "FieldError", field: "Flags", why: "main mode messages 5 and 6 must be encrypted: accepting them in clear would let anyone send an identity and a hash unprotected." });
  });
  test("ciphertext that is not whole blocks", () => {
    const x = STRONGSWAN_EXCHANGES[0]!;
    const d = charonMessage6(x).slice(0, 28 + 40);
    d.set([0, 0, 0, 68], 24);
    expectThrows(() => openMessage(d, charonKeys(x), b(x.iv)), { what: "openMessage(40 octets of AES ciphertext)", error: "FieldError", field: "Encrypted Data" });
  });
  test("the wrong key (another pre-shared key) gives noise, and a typed error", () => {
    const r = rng("encryption wrong key");
    for (const x of STRONGSWAN_EXCHANGES) {
      for (let i = 0; i < 20; i++) {
        const keys = { ...charonKeys(x), encKey: r.bytes(IKE_CIPHERS[x.cipher].keyBytes) };
        let thrown: unknown;
        try {
          openMessage(charonMessage5(x), keys, b(x.iv));
        } catch (e) {
          thrown = e;
        }
        if (thrown instanceof Error && thrown.name === "TodoError") throw thrown;
        expectTrue(thrown instanceof PacketError, `openMessage(charon's message 5, a random key) should throw one of the typed errors of "@course/errors.ts" (FieldError, TruncatedError), but it ${thrown === undefined ? "returned" : `threw ${show(thrown)}`}.`, "with the wrong key the decrypted octets are noise: some generic header has a non-zero reserved byte, an impossible length or an unknown payload type. Main mode turns that error into AUTHENTICATION-FAILED.");
      }
    }
  });
  test("a decrypted payload that runs past the end, a reserved byte that is not zero", () => {
    const x = STRONGSWAN_EXCHANGES[0]!;
    const keys = charonKeys(x);
    const iv = b(x.iv);
    const seal = (plain: Uint8Array) => {
      const body = encryptBody(x.cipher, keys.encKey, iv, plain).ciphertext.subarray(0, plain.length);
      return cat(charonMessage6(x).subarray(0, 24), b((28 + body.length).toString(16).padStart(8, "0")), body);
    };
    const long = seal(b("0800 0040 01000000 c0a80c02 00000000 00000000 00000000 00000000 00000000"));
    expectThrows(() => openMessage(long, keys, iv), { what: "openMessage(an ID payload whose Payload Length is 64 in 32 decrypted octets)", error: "FieldError", field: "Payload length" });
    const reserved = seal(b("0801 000c 01000000 c0a80c02 00000000 00000000 00000000 00000000 00000000"));
    expectThrows(() => openMessage(reserved, keys, iv), { what: "openMessage(an ID payload whose reserved byte is 1)", error: "FieldError", field: "Reserved" });
  });
});

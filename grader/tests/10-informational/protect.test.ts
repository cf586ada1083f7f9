/**
 * Hidden tests for 10-informational/protect: HASH(1) and the IV of an
 * informational exchange. Fixed vectors: ten real messages between two
 * strongSwan daemons (DPD, and the deletes of a CHILD SA and of the IKE SA).
 * Random cases against the reference.
 */
import { describe, test } from "vitest";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { expectBytes, expectEqual, expectThrows, expectTrue, isakmpHeaderLayout, rng, type Layout, type Rng } from "@teach";
import { freshMessageId, informationalHash, openInformational, sealInformational } from "@impl/10-informational/protect.ts";
import * as ref from "@ref/10-informational/protect.ts";
import { exchangeIv as yourExchangeIv } from "@impl/06-phase1-keys/iv.ts";
import { decryptBody } from "@ref/06-phase1-keys/cbc.ts";
import { exchangeIv } from "@ref/06-phase1-keys/iv.ts";
import { encodeMessage, type Payload } from "@ref/03-payloads/message.ts";
import { sealMessage } from "@ref/07-main-mode/encryption.ts";
import type { IkeSa } from "@ref/07-main-mode/exchange.ts";
import { b, randomIke, strongswanIke } from "./fixtures.ts";
import { IKE_SA, INFORMATIONAL, INITIATOR_CHILD_SPIS } from "./strongswan-vectors.ts";

const LAYOUT = [...isakmpHeaderLayout, { name: "Encrypted Data (HASH(1), then the N or D payload, then zero padding)", offset: 28, length: 1000 }];
const receiverOf = (to: string) => strongswanIke(to === "192.168.12.1" ? "initiator" : "responder");
const cookies = () => b(IKE_SA.ckyI + IKE_SA.ckyR);

/** Catches the NegotiationError and checks the notify type the peer would be told. */
function expectRefusal(fn: () => unknown, what: string, field: string, notifyType: number, why: string): void {
  expectThrows(fn, { what, error: "NegotiationError", field, why });
  try {
    fn();
  } catch (e) {
    expectEqual((e as { notifyType?: number }).notifyType, notifyType, { what: `${what}: the error's notifyType`, why });
  }
}

describe("step 1: strongSwan's informational messages open", () => {
  test("your chapter 06 exchangeIv gives the IV charon used for each one", () => {
    for (const v of INFORMATIONAL) {
      expectBytes(yourExchangeIv("sha1", b(IKE_SA.lastIv), v.messageId, 16), b(v.iv), { what: `exchangeIv("sha1", last block of message 6, 0x${v.messageId.toString(16)}, 16) from 06-phase1-keys/iv`, why: "each informational exchange starts a fresh CBC chain from the last block of main mode message 6 and its own Message ID (RFC 2409 Appendix B); if this fails, fix 06-phase1-keys/iv first." });
    }
  });
  test("R-U-THERE and R-U-THERE-ACK: HASH(1) checks, the notification comes out", () => {
    const asked = new Map<string, number[]>();
    for (const v of INFORMATIONAL.filter((x) => x.summary.includes("N(DPD"))) {
      const got = openInformational(receiverOf(v.to), b(v.datagram));
      expectEqual(got.messageId, v.messageId, { what: `openInformational(charon's "${v.summary}").messageId` });
      expectEqual(got.payloads.length, 1, { what: `openInformational(charon's "${v.summary}").payloads.length`, why: "after HASH(1) comes one Notification; the padding after it is not a payload." });
      const p = got.payloads[0]!;
      expectTrue(p.type === PayloadType.NOTIFICATION, `charon's "${v.summary}": the payload after HASH(1) should be a Notification (11), got type ${p.type}`);
      const ack = v.summary.includes("DPD_ACK");
      const n = p.notification;
      expectEqual(n.messageType, ack ? NotifyType.R_U_THERE_ACK : NotifyType.R_U_THERE, { what: `charon's "${v.summary}": Notify Message Type` });
      expectEqual(n.spi, cookies(), { what: `charon's "${v.summary}": SPI`, why: "DPD names the IKE SA by CKY-I | CKY-R (RFC 3706 section 5.3)." });
      const seq = new DataView(n.data.buffer, n.data.byteOffset, n.data.length).getUint32(0);
      // An ACK echoes the last R-U-THERE that the other side sent.
      if (ack) expectEqual(seq, asked.get(v.to)?.at(-1), { what: `charon's "${v.summary}": the sequence number`, why: "R-U-THERE-ACK carries the number of the R-U-THERE it answers." });
      else asked.set(v.from, [...(asked.get(v.from) ?? []), seq]);
    }
    for (const [from, seqs] of asked) {
      for (let i = 1; i < seqs.length; i++) expectEqual(seqs[i], seqs[i - 1]! + 1, { what: `${from}'s R-U-THERE number ${i + 1}`, why: "each R-U-THERE carries the previous number plus one (RFC 3706 section 6)." });
    }
  });
  test("the deletes: the CHILD SA by the initiator's inbound SPI, then the IKE SA by its cookies", () => {
    const deletes = INFORMATIONAL.filter((x) => x.summary.includes("[ HASH D ]"));
    expectEqual(deletes.length, 2, { what: "deletes in the recording" });
    const want = [
      { doi: 1, protocolId: 3, spis: [b(INITIATOR_CHILD_SPIS.inbound)] },
      { doi: 1, protocolId: 1, spis: [cookies()] },
    ];
    deletes.forEach((v, i) => {
      const got = openInformational(receiverOf(v.to), b(v.datagram));
      const p = got.payloads[0];
      expectTrue(got.payloads.length === 1 && p?.type === PayloadType.DELETE, `charon's "${v.summary}": one Delete payload (12) should follow HASH(1)`);
      expectEqual(p.delete, want[i], { what: `charon's "${v.summary}": the Delete` });
    });
  });
});

/** Names the parts of a decrypted informational body: HASH payload, the one N/D payload, padding. */
function plainLayout(plain: Uint8Array): Layout {
  const hashLength = (plain[2]! << 8) | plain[3]!;
  const ndLength = (plain[hashLength + 2]! << 8) | plain[hashLength + 3]!;
  const end = hashLength + ndLength;
  return [
    { name: "HASH payload: generic header (Next payload, Reserved, Payload length)", offset: 0, length: 4 },
    { name: "HASH(1) = prf(SKEYID_a, M-ID | N/D)", offset: 4, length: hashLength - 4 },
    { name: "N/D payload: generic header", offset: hashLength, length: 4 },
    { name: "N/D payload body", offset: hashLength + 4, length: ndLength - 4 },
    { name: "padding (zeros up to the cipher block)", offset: end, length: plain.length - end },
  ];
}

describe("step 2: our messages are strongSwan's, octet for octet", () => {
  test("sealInformational with charon's Message IDs and payloads", () => {
    for (const v of INFORMATIONAL) {
      const sender = strongswanIke(v.from === "192.168.12.1" ? "initiator" : "responder");
      const want = b(v.datagram);
      const { payloads } = ref.openInformational(sender, want);
      const what = `sealInformational(strongSwan's IKE SA, 0x${v.messageId.toString(16)}, the payloads of "${v.summary}")`;
      const got = sealInformational(sender, v.messageId, payloads);
      expectBytes(got.subarray(0, 28), want.subarray(0, 28), { what: `${what}: the header`, layout: isakmpHeaderLayout, why: "in clear: the cookies, Next payload HASH (8), version 1.0, exchange type INFORMATIONAL (5), only the E flag, the Message ID, and a Length that counts the padded ciphertext." });
      // Decrypting with charon's IV shows which part differs: the hash, the payload or the padding.
      const body = got.subarray(28);
      if (body.length > 0 && body.length % 16 === 0) {
        expectBytes(decryptBody("aes128", b(IKE_SA.encKey), b(v.iv), body).plaintext, decryptBody("aes128", b(IKE_SA.encKey), b(v.iv), want.subarray(28)).plaintext, {
          what: `${what}, decrypted with charon's IV hash(last phase-1 block | M-ID)`,
          layout: plainLayout(decryptBody("aes128", b(IKE_SA.encKey), b(v.iv), want.subarray(28)).plaintext),
          why: "HASH(1) covers the Message ID and the N/D payload with its generic header, not the HASH payload's header nor the padding; if every octet is wrong, your IV is not the exchange's IV.",
        });
      }
      expectBytes(got, want, { what, layout: LAYOUT, why: "the same header, the same plaintext and the same IV give the same ciphertext." });
    }
  });
});

describe("step 3: what must be refused", () => {
  const ike = strongswanIke("responder");
  const v = INFORMATIONAL[0]!;
  const mid = v.messageId;
  const dpd: Payload = { type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: cookies(), messageType: NotifyType.R_U_THERE, data: b("00000001") } };
  const header = { initiatorSpi: ike.ckyI, responderSpi: ike.ckyR, exchangeType: 5, messageId: mid };
  const iv = exchangeIv("sha1", ike.lastIv, mid, 16);
  test("a wrong HASH(1), no HASH(1), another IKE SA's key", () => {
    const forged = sealMessage({ ...header, flags: { encryption: true, commit: false, authenticationOnly: false }, payloads: [{ type: PayloadType.HASH, data: new Uint8Array(20).fill(0xab) }, dpd] }, ike.keys, iv).datagram;
    expectRefusal(() => openInformational(ike, forged), "openInformational(a message whose HASH(1) is 0xabab...)", "Hash DATA", NotifyType.INVALID_HASH_INFORMATION, "HASH(1) is what proves the message comes from the peer of this IKE SA: anyone could otherwise make us delete an SA.");
    const bare = sealMessage({ ...header, flags: { encryption: true, commit: false, authenticationOnly: false }, payloads: [dpd] }, ike.keys, iv).datagram;
    expectRefusal(() => openInformational(ike, bare), "openInformational(an encrypted R-U-THERE with no HASH payload)", "Next payload", NotifyType.INVALID_HASH_INFORMATION, "RFC 2409 section 5.7: HASH(1) comes first in every protected informational message.");
    const otherKey: IkeSa = { ...ike, keys: { ...ike.keys, skeyid_a: new Uint8Array(20).fill(7) } };
    expectRefusal(() => openInformational(otherKey, b(v.datagram)), "openInformational(charon's R-U-THERE, with another SKEYID_a)", "Hash DATA", NotifyType.INVALID_HASH_INFORMATION, "the hash key is SKEYID_a: the prf over M-ID | N/D must be recomputed with it and compared.");
  });
  test("an unencrypted notification after phase 1", () => {
    const clear = encodeMessage({ ...header, flags: { encryption: false, commit: false, authenticationOnly: false }, payloads: [dpd] });
    expectRefusal(() => openInformational(ike, clear), "openInformational(an R-U-THERE in clear)", "Flags", NotifyType.INVALID_FLAGS, "after phase 1 only encrypted, hashed informational messages may act: a clear one could come from anyone on the path.");
  });
  test("another IKE SA's cookies, Message ID 0, payloads that do not belong", () => {
    const d = b(v.datagram);
    const wrongI = d.slice();
    wrongI[0] = d[0]! ^ 1;
    expectThrows(() => openInformational(ike, wrongI), { what: "openInformational(charon's message with the first cookie altered)", error: "FieldError", field: "Initiator SPI" });
    const wrongR = d.slice();
    wrongR[15] = d[15]! ^ 1;
    expectThrows(() => openInformational(ike, wrongR), { what: "openInformational(charon's message with the second cookie altered)", error: "FieldError", field: "Responder SPI" });
    expectThrows(() => sealInformational(ike, 0, [dpd]), { what: "sealInformational(ike, Message ID 0, ...)", error: "FieldError", field: "Message ID", why: "Message ID 0 is phase 1's; its IV chain is not the one of a new exchange." });
    expectThrows(() => sealInformational(ike, mid, []), { what: "sealInformational(ike, mid, no payloads)", error: "FieldError", field: "Next payload" });
    expectRefusal(() => sealInformational(ike, mid, [{ type: PayloadType.NONCE, data: new Uint8Array(16) }]), "sealInformational(ike, mid, [a Nonce])", "Next payload", NotifyType.INVALID_PAYLOAD_TYPE, "an informational exchange carries Notification and Delete payloads (RFC 2408 section 4.8).");
  });
});

function randomPayload(r: Rng, ike: IkeSa): Payload {
  if (r.int(0, 1) === 0) {
    return { type: PayloadType.NOTIFICATION, notification: { doi: 1, protocolId: 1, spi: new Uint8Array([...ike.ckyI, ...ike.ckyR]), messageType: r.pick([36136, 36137, 24578, 14, 23]), data: r.bytes(r.pick([0, 4, 9])) } };
  }
  const esp = r.int(0, 1) === 0;
  return { type: PayloadType.DELETE, delete: { doi: 1, protocolId: esp ? 3 : 1, spis: Array.from({ length: r.int(1, 3) }, () => r.bytes(esp ? 4 : 16)) } };
}

describe("step 4: random IKE SAs, every cipher and hash", () => {
  test("seal, open and HASH(1) agree with the reference", () => {
    const r = rng("informational-protect");
    for (let i = 0; i < 60; i++) {
      const ike = randomIke(r);
      const mid = r.int(1, 0xffffffff);
      const payloads = Array.from({ length: r.int(1, 3) }, () => randomPayload(r, ike));
      const what = `${ike.keys.cipher}/${ike.keys.hash}, Message ID 0x${mid.toString(16)}, ${payloads.length} payload(s)`;
      expectBytes(informationalHash(ike, mid, payloads), ref.informationalHash(ike, mid, payloads), { what: `informationalHash(${what})`, why: "prf(SKEYID_a, M-ID as 4 octets | the payloads with their generic headers, the last one's Next Payload 0)." });
      const sealed = ref.sealInformational(ike, mid, payloads);
      expectBytes(sealInformational(ike, mid, payloads), sealed, { what: `sealInformational(${what})`, layout: LAYOUT });
      const opened = openInformational(ike, sealed);
      expectEqual(opened, { messageId: mid, payloads }, { what: `openInformational(the reference's message: ${what})` });
    }
  });
  test("freshMessageId: random, never 0", () => {
    let calls = 0;
    const zeroFirst = (n: number) => (calls++ === 0 ? new Uint8Array(n) : Uint8Array.from({ length: n }, (_, i) => 0x80 + i));
    expectEqual(freshMessageId(zeroFirst), 0x80818283, { what: "freshMessageId(a source that gives 00000000, then 80818283)", why: "0 is phase 1's Message ID: draw again; the 4 octets are big-endian, and a value with the top bit set stays positive." });
    const r = rng("message-id");
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const id = freshMessageId((n) => r.bytes(n));
      expectTrue(Number.isInteger(id) && id > 0 && id <= 0xffffffff, `freshMessageId gave ${id}: want a whole number 1 to 2^32-1`);
      seen.add(id);
    }
    expectTrue(seen.size === 50, `freshMessageId gave only ${seen.size} different values in 50 draws from a random source: it must use the random octets`);
  });
});

/**
 * Hidden tests for 10-informational/delete: the Delete payloads strongSwan
 * sent for its CHILD SA and its IKE SA (RFC 2408 section 3.15), and which
 * SAs a received Delete removes. Random cases against the reference.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { applyDelete, deleteChildSas, deleteIkeSa, type ChildSpis } from "@impl/10-informational/delete.ts";
import * as ref from "@ref/10-informational/delete.ts";
import { encodeDelete, type Delete } from "@ref/03-payloads/notify-delete.ts";
import { openInformational } from "@ref/10-informational/protect.ts";
import { b, randomIke, strongswanIke, DELETE_LAYOUT } from "./fixtures.ts";
import { INFORMATIONAL, INITIATOR_CHILD_SPIS } from "./strongswan-vectors.ts";

const u32 = (hexText: string) => parseInt(hexText, 16);

/** The CHILD SA as each charon held it: the initiator's inbound SPI is the responder's outbound one. */
const INITIATOR_CHILD: ChildSpis = { protocol: "ESP", inbound: { spi: u32(INITIATOR_CHILD_SPIS.inbound) }, outbound: { spi: u32(INITIATOR_CHILD_SPIS.outbound) } };
const RESPONDER_CHILD: ChildSpis = { protocol: "ESP", inbound: { spi: u32(INITIATOR_CHILD_SPIS.outbound) }, outbound: { spi: u32(INITIATOR_CHILD_SPIS.inbound) } };

/** The Delete payloads charon sent, in order: the CHILD SA's, then the IKE SA's. */
function charonDeletes(): Delete[] {
  return INFORMATIONAL.filter((v) => v.summary.includes("[ HASH D ]")).map((v) => {
    const p = openInformational(strongswanIke("responder"), b(v.datagram)).payloads[0]!;
    if (p.type !== 12) throw new Error("the recording's delete message holds no Delete payload");
    return p.delete;
  });
}

describe("step 1: the Delete payloads strongSwan sends", () => {
  test("the IKE SA: protocol ISAKMP, one 16-octet SPI, the cookies", () => {
    const [, ike] = charonDeletes();
    expectBytes(encodeDelete(deleteIkeSa(strongswanIke())), encodeDelete(ike!), { what: "encodeDelete(deleteIkeSa(strongSwan's IKE SA))", layout: DELETE_LAYOUT, why: "what charon sent on `swanctl --terminate --ike`: DOI IPSEC, protocol ISAKMP (1), SPI Size 16, one SPI = CKY-I | CKY-R." });
  });
  test("the CHILD SA: protocol ESP, our inbound SPI", () => {
    const [child] = charonDeletes();
    expectBytes(encodeDelete(deleteChildSas("ESP", [INITIATOR_CHILD])), encodeDelete(child!), {
      what: `encodeDelete(deleteChildSas("ESP", [the initiator's CHILD SA: inbound 0x${INITIATOR_CHILD_SPIS.inbound}, outbound 0x${INITIATOR_CHILD_SPIS.outbound}]))`,
      layout: DELETE_LAYOUT,
      why: "charon names the SA by the SPI it chose itself, its inbound one: the SPI on which it will accept no more packets.",
    });
    const two = deleteChildSas("AH", [{ protocol: "AH", inbound: { spi: 0x1000 }, outbound: { spi: 1 } }, { protocol: "AH", inbound: { spi: 0xfffffffe }, outbound: { spi: 2 } }]);
    expectBytes(encodeDelete(two), b("00000001 02 04 0002 00001000 fffffffe"), { what: "encodeDelete(deleteChildSas(\"AH\", two SAs))", layout: DELETE_LAYOUT, why: "one payload, protocol AH (2), SPI Size 4, both inbound SPIs in order." });
  });
  test("one protocol per payload, at least one SA", () => {
    expectThrows(() => deleteChildSas("ESP", [INITIATOR_CHILD, { ...INITIATOR_CHILD, protocol: "AH" }]), { what: "deleteChildSas(\"ESP\", [an ESP SA, an AH SA])", error: "FieldError", field: "Protocol ID", why: "a Delete payload has one Protocol ID: an AH SA needs its own payload." });
    expectThrows(() => deleteChildSas("ESP", []), { what: "deleteChildSas(\"ESP\", [])", error: "FieldError", field: "Number of SPIs" });
  });
});

describe("step 2: what a received Delete removes", () => {
  test("charon's CHILD SA delete, at the responder", () => {
    const [child] = charonDeletes();
    const other: ChildSpis = { protocol: "ESP", inbound: { spi: 0x11111111 }, outbound: { spi: 0x22222222 } };
    const got = applyDelete(strongswanIke("responder"), [other, RESPONDER_CHILD], child!);
    expectEqual(got, { ikeSa: false, removed: [RESPONDER_CHILD], kept: [other], unknown: [] }, {
      what: "applyDelete(responder's IKE SA, [another CHILD SA, the deleted one], charon's ESP delete)",
      why: `the SPI in the Delete (0x${INITIATOR_CHILD_SPIS.inbound}) is the sender's inbound SPI, which is our OUTBOUND one: find it there, and remove the whole pair.`,
    });
  });
  test("an SPI that is only our inbound one, or of another protocol, names nothing", () => {
    const [child] = charonDeletes();
    const got = applyDelete(strongswanIke("initiator"), [INITIATOR_CHILD], child!);
    expectEqual(got, { ikeSa: false, removed: [], kept: [INITIATOR_CHILD], unknown: [b(INITIATOR_CHILD_SPIS.inbound)] }, {
      what: "applyDelete(the initiator's own view, [its CHILD SA], a Delete naming its own inbound SPI)",
      why: "a peer deletes by its inbound SPI = our outbound one; an SPI that only matches our inbound side is not a CHILD SA the peer can name.",
    });
    const ah: Delete = { doi: 1, protocolId: 2, spis: [b(INITIATOR_CHILD_SPIS.inbound)] };
    expectEqual(applyDelete(strongswanIke("responder"), [RESPONDER_CHILD], ah).removed, [], { what: "applyDelete(..., [an ESP SA], an AH Delete with the same SPI).removed", why: "SPIs are per protocol: an AH SPI cannot name an ESP SA." });
  });
  test("the IKE SA delete: the IKE SA goes, the CHILD SAs stay", () => {
    const [, ike] = charonDeletes();
    expectEqual(applyDelete(strongswanIke("responder"), [RESPONDER_CHILD], ike!), { ikeSa: true, removed: [], kept: [RESPONDER_CHILD], unknown: [] }, {
      what: "applyDelete(responder, [CHILD SA], charon's ISAKMP delete)",
      why: "in IKEv1 the IPsec SAs live on without the ISAKMP SA that negotiated them; they expire by their own lifetimes.",
    });
    const stranger: Delete = { ...ike!, spis: [new Uint8Array(16).fill(9)] };
    expectEqual(applyDelete(strongswanIke("responder"), [], stranger), { ikeSa: false, removed: [], kept: [], unknown: [new Uint8Array(16).fill(9)] }, { what: "applyDelete(responder, [], an ISAKMP delete with other cookies)" });
    expectThrows(() => applyDelete(strongswanIke(), [], { ...ike!, doi: 0 }), { what: "applyDelete(a Delete in DOI 0)", error: "FieldError", field: "Domain of interpretation" });
  });
  test("random SA tables and deletes agree with the reference", () => {
    const r = rng("apply-delete");
    for (let i = 0; i < 200; i++) {
      const ike = randomIke(r);
      const children: ChildSpis[] = Array.from({ length: r.int(0, 5) }, () => ({ protocol: r.pick(["ESP", "AH"] as const), inbound: { spi: r.int(256, 0xffffffff) }, outbound: { spi: r.int(256, 0xffffffff) } }));
      let d: Delete;
      if (r.int(0, 3) === 0) d = ref.deleteIkeSa(r.int(0, 1) ? ike : randomIke(r));
      else {
        const protocolId = r.pick([2, 3]);
        const spis = Array.from({ length: r.int(1, 4) }, () => {
          const c = children.length > 0 && r.int(0, 2) > 0 ? r.pick(children) : undefined;
          const n = c ? r.pick([c.outbound.spi, c.inbound.spi]) : r.int(256, 0xffffffff);
          return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
        });
        d = { doi: 1, protocolId, spis };
      }
      expectEqual(applyDelete(ike, children, d), ref.applyDelete(ike, children, d), { what: `applyDelete(random IKE SA, ${children.length} CHILD SAs, a Delete of protocol ${d.protocolId} with ${d.spis.length} SPI(s))` });
      const esp = children.filter((c) => c.protocol === "ESP");
      if (esp.length > 0) expectEqual(deleteChildSas("ESP", esp), ref.deleteChildSas("ESP", esp), { what: `deleteChildSas("ESP", ${esp.length} SAs)` });
      expectEqual(deleteIkeSa(ike), ref.deleteIkeSa(ike), { what: "deleteIkeSa(random IKE SA)" });
    }
  });
});

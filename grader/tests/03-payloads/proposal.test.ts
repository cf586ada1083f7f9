/** Hidden tests for 03-payloads/proposal: the Proposal payload body and its transform chain (RFC 2408 section 3.5). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeProposal, encodeProposal } from "@impl/03-payloads/proposal.ts";
import * as ref from "@ref/03-payloads/proposal.ts";
import { SA_BODY_FIELDS, SEED_SA, SEED_SA_BODY, layoutOf } from "./fixtures.ts";

const SEED_BODY = SEED_SA_BODY.subarray(12);
const SEED = SEED_SA.proposals[0]!;

/** A quick mode ESP offer: AES-128 tunnel with HMAC-SHA, or 3DES with a draft NAT-T mode (as Wireshark decodes it). */
const ESP = {
  number: 1,
  protocolId: 3,
  spi: fromHexLoose("55667788"),
  transforms: [
    { number: 1, id: 12, attributes: [{ type: 1, value: 1 }, { type: 2, value: 86400 }, { type: 4, value: 3 }, { type: 5, value: 2 }, { type: 6, value: 128 }, { type: 3, value: 2 }] },
    { number: 2, id: 3, attributes: [{ type: 4, value: 61443 }, { type: 1, value: 2 }, { type: 2, value: 120000 }] },
  ],
};
const ESP_BODY = fromHexLoose(`
  01 03 04 02 55667788
  03 00 0024 01 0c 0000 8001 0001 0002 0004 00015180 8004 0003 8005 0002 8006 0080 8003 0002
  00 00 0018 02 03 0000 8004 f003 8001 0002 0002 0004 0001d4c0
`);

describe("step 1: encode", () => {
  test("the seed's phase 1 proposal: 44 body bytes, 48 with the header", () => {
    expectBytes(encodeProposal(SEED), SEED_BODY, {
      what: "encodeProposal(the seed's proposal #1, ISAKMP, one transform)",
      layout: layoutOf(SA_BODY_FIELDS.slice(5)),
      why: "Proposal number, Protocol ID ISAKMP (1), SPI Size 0 (phase 1 has no SPI: the cookies name the SA), Proposal transforms 1, then the Transform payload with next payload NONE.",
    });
  });
  test("an ESP proposal: a 4-byte SPI and two chained transforms", () => {
    expectBytes(encodeProposal(ESP), ESP_BODY, {
      what: "encodeProposal(ESP, SPI 55667788, AES then 3DES)",
      why: "the first transform says Transform (3) as its next payload, the last says NONE (0).",
    });
  });
  test("a wrong SPI size, an unknown protocol, or no transform is refused", () => {
    expectThrows(() => encodeProposal({ ...ESP, spi: fromHexLoose("556677") }), { what: "encodeProposal(ESP with a 3-byte SPI)", error: "FieldError", field: "SPI Size", why: "RFC 2407 section 4.6.3: the SPI of AH and ESP is 4 bytes." });
    expectThrows(() => encodeProposal({ ...ESP, protocolId: 9 }), { what: "encodeProposal(protocol 9)", error: "FieldError", field: "Protocol ID" });
    expectThrows(() => encodeProposal({ ...ESP, transforms: [] }), { what: "encodeProposal(no transforms)", error: "FieldError", field: "Proposal transforms" });
  });
});

describe("step 2: decode", () => {
  test("both proposals decode back", () => {
    expectEqual(decodeProposal(SEED_BODY), SEED, { what: "decodeProposal(the seed's proposal)" });
    expectEqual(decodeProposal(ESP_BODY), ESP, { what: "decodeProposal(the ESP proposal)" });
  });
  test("Proposal transforms must match the transforms present", () => {
    const bad = ESP_BODY.slice();
    bad[3] = 3;
    expectThrows(() => decodeProposal(bad), {
      what: "decodeProposal(says 3 transforms, holds 2)",
      error: "FieldError",
      field: "Proposal transforms",
      why: "two counts for one list disagree: BAD-PROPOSAL-SYNTAX (RFC 2408 section 5.4).",
    });
  });
  test("a transform chain that names something else than Transform is refused", () => {
    const bad = ESP_BODY.slice();
    bad[8] = 13;
    expectThrows(() => decodeProposal(bad), { what: "decodeProposal(the first transform says next payload Vendor ID)", error: "FieldError", field: "Next payload" });
  });
  test("random proposals match the reference", () => {
    const r = rng("proposal");
    for (let i = 0; i < 40; i++) {
      const protocolId = r.int(1, 3);
      const p = {
        number: r.int(1, 5),
        protocolId,
        spi: protocolId === 1 ? new Uint8Array(0) : r.bytes(4),
        transforms: Array.from({ length: r.int(1, 4) }, (_, k) => ({ number: k + 1, id: r.int(1, 12), attributes: [{ type: r.int(1, 6), value: r.int(0, 100000) }] })),
      };
      const bytes = ref.encodeProposal(p);
      expectBytes(encodeProposal(p), bytes, { what: `encodeProposal(random #${i})` });
      expectEqual(decodeProposal(bytes), ref.decodeProposal(bytes), { what: `decodeProposal(random #${i})` });
    }
  });
});

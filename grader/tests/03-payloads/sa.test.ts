/** Hidden tests for 03-payloads/sa: the SA payload body (RFC 2408 section 3.4, RFC 2407 section 4.6.1). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeSa, encodeSa } from "@impl/03-payloads/sa.ts";
import * as ref from "@ref/03-payloads/sa.ts";
import { SA_BODY_FIELDS, SEED_SA, SEED_SA_BODY, layoutOf } from "./fixtures.ts";

/** AH AND ESP (both proposal #1), OR ESP alone (proposal #2). */
const AND_OR = {
  doi: 1,
  situation: 1,
  proposals: [
    { number: 1, protocolId: 2, spi: fromHexLoose("11223344"), transforms: [{ number: 1, id: 3, attributes: [{ type: 5, value: 2 }] }] },
    { number: 1, protocolId: 3, spi: fromHexLoose("55667788"), transforms: [{ number: 1, id: 12, attributes: [{ type: 6, value: 128 }] }] },
    { number: 2, protocolId: 3, spi: fromHexLoose("55667788"), transforms: [{ number: 1, id: 3, attributes: [] }] },
  ],
};
const AND_OR_BODY = fromHexLoose(`
  00000001 00000001
  02 00 0018 01 02 04 01 11223344   00 00 000c 01 03 0000 8005 0002
  02 00 0018 01 03 04 01 55667788   00 00 000c 01 0c 0000 8006 0080
  00 00 0014 02 03 04 01 55667788   00 00 0008 01 03 0000
`);

describe("step 1: the seed's SA payload", () => {
  test("encodes to 56 body bytes (60 with the generic header)", () => {
    expectBytes(encodeSa(SEED_SA), SEED_SA_BODY, {
      what: "encodeSa(the seed's SA: IPsec DOI, identity only, one proposal)",
      layout: layoutOf(SA_BODY_FIELDS),
      why: "DOI 1 (IPSEC) and situation 1 (SIT_IDENTITY_ONLY) as 4-byte numbers, then the Proposal payload with next payload NONE.",
    });
  });
  test("decodes back", () => {
    expectEqual(decodeSa(SEED_SA_BODY), SEED_SA, { what: "decodeSa(the seed's SA body)" });
  });
});

describe("step 2: AND and OR", () => {
  test("AH and ESP share proposal number 1 (AND); proposal 2 is the alternative (OR)", () => {
    expectBytes(encodeSa(AND_OR), AND_OR_BODY, { what: "encodeSa(AH+ESP as #1, ESP as #2)", why: "each Proposal payload but the last says next payload Proposal (2)." });
    expectEqual(decodeSa(AND_OR_BODY), AND_OR, { what: "decodeSa(AH+ESP as #1, ESP as #2)" });
  });
  test("proposal numbers going down are refused", () => {
    const swapped = { ...AND_OR, proposals: [AND_OR.proposals[2]!, AND_OR.proposals[0]!] };
    expectThrows(() => encodeSa(swapped), {
      what: "encodeSa(proposal #2 before #1)",
      error: "FieldError",
      field: "Proposal number",
      why: "RFC 2408 section 3.5: numbers never decrease; equal numbers are AND, a higher one starts the next OR choice.",
    });
  });
});

describe("step 3: checks", () => {
  test("another DOI or situation is refused", () => {
    const doi = SEED_SA_BODY.slice();
    doi[3] = 2;
    expectThrows(() => decodeSa(doi), { what: "decodeSa(DOI 2, GDOI)", error: "FieldError", field: "Domain of interpretation", why: "another DOI gives the rest another layout (RFC 2408 section 5.4: DOI-NOT-SUPPORTED)." });
    const sit = SEED_SA_BODY.slice();
    sit[7] = 3;
    expectThrows(() => decodeSa(sit), { what: "decodeSa(situation 3)", error: "FieldError", field: "Situation", why: "SECRECY and INTEGRITY add labelled-domain fields (RFC 2407 section 4.6.1); only SIT_IDENTITY_ONLY is used." });
  });
  test("an SA without proposals, or cut short, is refused", () => {
    expectThrows(() => decodeSa(SEED_SA_BODY.subarray(0, 8)), { what: "decodeSa(DOI and situation only)", error: "FieldError", field: "Next payload" });
    expectThrows(() => decodeSa(SEED_SA_BODY.subarray(0, 6)), { what: "decodeSa(6 bytes)", error: "TruncatedError", field: "Situation" });
    expectThrows(() => encodeSa({ ...SEED_SA, proposals: [] }), { what: "encodeSa(no proposals)", error: "FieldError", field: "Next payload" });
  });
  test("random SAs match the reference", () => {
    const r = rng("sa");
    for (let i = 0; i < 30; i++) {
      let n = 1;
      const sa = {
        doi: 1,
        situation: 1,
        proposals: Array.from({ length: r.int(1, 4) }, () => {
          n += r.int(0, 1);
          return { number: n, protocolId: r.int(2, 3), spi: r.bytes(4), transforms: [{ number: 1, id: r.int(1, 12), attributes: [{ type: 1, value: 1 }] }] };
        }),
      };
      const bytes = ref.encodeSa(sa);
      expectBytes(encodeSa(sa), bytes, { what: `encodeSa(random #${i})` });
      expectEqual(decodeSa(bytes), ref.decodeSa(bytes), { what: `decodeSa(random #${i})` });
    }
  });
});

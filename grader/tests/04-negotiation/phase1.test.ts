/** Hidden tests for 04-negotiation/phase1: choosing a phase 1 transform and answering with it (RFC 2408 section 4.2, RFC 2409 section 5). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, rng } from "@teach";
import { SEED_PHASE1_POLICY, firstAcceptable, selectPhase1 } from "@impl/04-negotiation/phase1.ts";
import * as ref from "@ref/04-negotiation/phase1.ts";
import { decodeMessage } from "@ref/03-payloads/message.ts";
import { encodeSa, type SecurityAssociation } from "@ref/03-payloads/sa.ts";
import { MM1, MM2, SA_BODY_FIELDS, layoutOf } from "../03-payloads/fixtures.ts";
import { NOTIFY, SEED_IKE, expectRefusal, ike, outcome, transform } from "./support.ts";

function saOf(bytes: Uint8Array): SecurityAssociation {
  const p = decodeMessage(bytes).payloads[0];
  if (p?.type !== 1) throw new Error("fixture: the first payload is not an SA");
  return p.sa;
}

const AES128 = { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 };
const AES256_G14 = { encryption: 7, keyLength: 256, hash: 4, authMethod: 1, group: 14, lifetimeSeconds: 28800 };

/** ike-scan style: several transforms in one proposal, the initiator's favourite first. */
const MULTI: SecurityAssociation = {
  doi: 1,
  situation: 1,
  proposals: [
    {
      number: 1,
      protocolId: 1,
      spi: new Uint8Array(0),
      transforms: [
        transform(1, 1, ike({ enc: 5, hash: 1, group: 1, auth: 1, life: 28800 })),
        transform(2, 1, ike(SEED_IKE)),
        transform(3, 1, ike({ enc: 7, keyLength: 256, hash: 4, group: 14, auth: 1, life: 28800 })),
      ],
    },
  ],
};

describe("step 1: main mode message 1 in, message 2's SA out", () => {
  test("the reply SA is byte for byte the SA payload of the seed's message 2", () => {
    const choice = selectPhase1(saOf(MM1.bytes), SEED_PHASE1_POLICY);
    expectBytes(encodeSa(choice.reply), MM2.bytes.subarray(32, 88), {
      what: "encodeSa(selectPhase1(main mode message 1's SA, the seed's policy).reply)",
      layout: layoutOf(SA_BODY_FIELDS),
      why: "R2 answers with the one proposal and the one transform it chose, numbers and attributes exactly as R1 offered them (RFC 2408 section 4.2).",
    });
    expectEqual([choice.proposal, choice.transform], [1, 1], { what: "selectPhase1(MM1).proposal and .transform" });
    expectEqual(choice.sa, AES128, { what: "selectPhase1(MM1).sa", why: "the agreed suite with the lifetime in use, 86400 s." });
  });
});

describe("step 2: several transforms, two orders", () => {
  test("the responder's order (Cisco IOS, strongSwan's default)", () => {
    const choice = selectPhase1(MULTI, { suites: [AES256_G14, AES128], prefer: "responder" });
    expectEqual(choice.transform, 3, {
      what: "selectPhase1(transforms #1 3DES, #2 AES-128, #3 AES-256/group 14; policy prefers AES-256 then AES-128).transform",
      why: "walking the responder's suites first: its favourite, AES-256 with group 14, is transform #3.",
    });
    expectEqual(choice.reply.proposals[0]?.transforms, [MULTI.proposals[0]!.transforms[2]], { what: "the reply's transforms", why: "exactly one transform, the chosen one, number 3 kept." });
  });
  test("the initiator's order", () => {
    const choice = selectPhase1(MULTI, { suites: [AES256_G14, AES128], prefer: "initiator" });
    expectEqual(choice.transform, 2, {
      what: "selectPhase1(same offer and policy, prefer: initiator).transform",
      why: "walking the offer first: #1 (3DES) fits no suite, #2 (AES-128) fits the second suite, and it comes before #3.",
    });
    expectEqual(choice.sa, AES128, { what: "selectPhase1(prefer initiator).sa" });
  });
  test("firstAcceptable walks the preferred side outside", () => {
    const seen: string[] = [];
    const fit = (o: string, p: string) => (o === "b" && p === "y" ? { ok: true as const, value: o + p } : { ok: false as const, attribute: "x", reason: "no" });
    const found = firstAcceptable(["a", "b"], ["x", "y"], "initiator", fit, (o, p) => seen.push(o + p));
    expectEqual(found, { offered: "b", own: "y", value: "by" }, { what: "firstAcceptable([a, b], [x, y], initiator, fits only b+y)" });
    expectEqual(seen, ["ax", "ay", "bx"], { what: "the pairs refused before b+y, prefer initiator", why: "the initiator's list outside, the responder's inside." });
    seen.length = 0;
    firstAcceptable(["a", "b"], ["x", "y"], "responder", fit, (o, p) => seen.push(o + p));
    expectEqual(seen, ["ax", "bx", "ay"], { what: "the pairs refused before b+y, prefer responder", why: "the responder's list outside, the initiator's inside." });
  });
});

describe("step 3: refusals carry the notify to send", () => {
  test("nothing fits: NO-PROPOSAL-CHOSEN", () => {
    const offer = { ...MULTI, proposals: [{ ...MULTI.proposals[0]!, transforms: [MULTI.proposals[0]!.transforms[0]!] }] };
    expectRefusal(() => selectPhase1(offer, SEED_PHASE1_POLICY), NOTIFY.NO_PROPOSAL_CHOSEN, "selectPhase1(3DES/MD5/group 1 only, the seed's policy)", "no transform fits any suite.");
    const long = { ...MULTI, proposals: [{ ...MULTI.proposals[0]!, transforms: [transform(1, 1, ike({ ...SEED_IKE, life: 100000 }))] }] };
    expectRefusal(() => selectPhase1(long, SEED_PHASE1_POLICY), NOTIFY.NO_PROPOSAL_CHOSEN, "selectPhase1(the seed's transform with 100000 s)", "Cisco IOS refuses a lifetime longer than its policy's 86400 s.");
  });
  test("two proposals in phase 1: BAD-PROPOSAL-SYNTAX; a proposal for ESP: INVALID-PROTOCOL-ID", () => {
    const p = MULTI.proposals[0]!;
    expectRefusal(() => selectPhase1({ ...MULTI, proposals: [p, { ...p, number: 2 }] }, SEED_PHASE1_POLICY), NOTIFY.BAD_PROPOSAL_SYNTAX, "selectPhase1(two proposals)", "RFC 2409 section 5: a phase 1 SA payload holds exactly one proposal.");
    expectRefusal(() => selectPhase1({ ...MULTI, proposals: [{ ...p, protocolId: 3, spi: new Uint8Array(4) }] }, SEED_PHASE1_POLICY), NOTIFY.INVALID_PROTOCOL_ID, "selectPhase1(a proposal for IPSEC_ESP)", "phase 1 negotiates the ISAKMP SA (protocol 1).");
  });
});

describe("step 4: random offers and policies", () => {
  test("agree with the reference", () => {
    const r = rng("phase1");
    const pool = () => ({ encryption: r.pick([5, 7]), hash: r.pick([1, 2]), authMethod: 1, group: r.pick([2, 5]), lifetimeSeconds: r.pick([3600, 86400]), ...(r.int(0, 1) ? { keyLength: 128 } : {}) });
    for (let i = 0; i < 200; i++) {
      const transforms = Array.from({ length: r.int(1, 5) }, (_, k) =>
        transform(k + 1, 1, ike({ enc: r.pick([5, 7]), keyLength: r.pick([128, undefined]), hash: r.pick([1, 2]), group: r.pick([2, 5, undefined]), auth: 1, life: r.pick([undefined, 3600, 86400]) })),
      );
      const offer: SecurityAssociation = { doi: 1, situation: 1, proposals: [{ number: r.int(1, 3), protocolId: 1, spi: new Uint8Array(0), transforms }] };
      const policy = { suites: Array.from({ length: r.int(1, 3) }, pool), prefer: r.pick(["initiator", "responder"] as const) };
      expectEqual(outcome(() => selectPhase1(offer, policy)), outcome(() => ref.selectPhase1(offer, policy)), { what: `selectPhase1(random #${i}: ${transforms.length} transforms, ${policy.suites.length} suites, prefer ${policy.prefer})` });
    }
  });
});

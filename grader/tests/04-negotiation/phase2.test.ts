/** Hidden tests for 04-negotiation/phase2: quick mode selection with AND-ed protocols, responder SPIs and RESPONDER-LIFETIME (RFC 2408 section 4.2, RFC 2407 section 4.6). */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { selectPhase2 } from "@impl/04-negotiation/phase2.ts";
import * as ref from "@ref/04-negotiation/phase2.ts";
import { encodeSa, type SecurityAssociation } from "@ref/03-payloads/sa.ts";
import { encodeNotification } from "@ref/03-payloads/notify-delete.ts";
import type { Proposal } from "@ref/03-payloads/proposal.ts";
import { NOTIFY, expectRefusal, ipsec, outcome, transform } from "./support.ts";

const I_AH = fromHexLoose("11111111");
const I_ESP = fromHexLoose("22222222");
const R_AH = fromHexLoose("aaaaaaaa");
const R_ESP = fromHexLoose("bbbbbbbb");
const SPIS = new Map([
  [2, R_AH],
  [3, R_ESP],
]);

const ESP_AES = { transformId: 12, authAlgorithm: 2, keyLength: 128 };
const AH_SHA = { transformId: 3, authAlgorithm: 2 };
const ESP_ONLY = { esp: ESP_AES, mode: 1 };
const AH_AND_ESP = { ah: AH_SHA, esp: ESP_AES, mode: 1 };
const CISCO_LIFETIME = { seconds: 3600, kilobytes: 4608000 };

const ah = (number: number, ...transforms: Proposal["transforms"]): Proposal => ({ number, protocolId: 2, spi: I_AH, transforms });
const esp = (number: number, ...transforms: Proposal["transforms"]): Proposal => ({ number, protocolId: 3, spi: I_ESP, transforms });
const sa = (...proposals: Proposal[]): SecurityAssociation => ({ doi: 1, situation: 1, proposals });

const AH_T = transform(1, 3, ipsec({ seconds: 3600, kilobytes: 4608000, mode: 1, auth: 2 }));
const ESP_T = transform(1, 12, ipsec({ seconds: 3600, kilobytes: 4608000, mode: 1, auth: 2, keyLength: 128 }));
/** #1: AH AND ESP; #2: ESP alone. */
const BUNDLE_OR_ESP = sa(ah(1, AH_T), esp(1, ESP_T), esp(2, ESP_T));

describe("step 1: AND and OR", () => {
  test("an ESP-only policy takes proposal #2, with the responder's SPI", () => {
    const choice = selectPhase2(BUNDLE_OR_ESP, { sets: [ESP_ONLY], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS);
    expectBytes(
      encodeSa(choice.reply),
      fromHexLoose(`00000001 00000001
        00 00 0034 02 03 04 01 bbbbbbbb
          00 00 0028 01 0c 0000 8001 0001 8002 0e10 8001 0002 0002 0004 00465000 8004 0001 8005 0002 8006 0080`),
      {
        what: "encodeSa(selectPhase2(AH+ESP as #1, ESP as #2; ESP-only policy).reply)",
        layout: [
          { name: "Domain of interpretation", offset: 0, length: 4 },
          { name: "Situation", offset: 4, length: 4 },
          { name: "Proposal header", offset: 8, length: 4 },
          { name: "Proposal number", offset: 12, length: 1 },
          { name: "Protocol ID", offset: 13, length: 1 },
          { name: "SPI Size", offset: 14, length: 1 },
          { name: "Proposal transforms", offset: 15, length: 1 },
          { name: "SPI", offset: 16, length: 4 },
          { name: "Transform", offset: 20, length: 40 },
        ],
        why: "#1 needs AH too (AND), which the policy lacks, so #2 is chosen: its number is kept, and the SPI is the responder's own inbound SPI bbbbbbbb, not the initiator's 22222222.",
      },
    );
    expectEqual(choice.proposal, 2, { what: "selectPhase2(...).proposal" });
    expectEqual(choice.notifications, [], { what: "selectPhase2(...).notifications", why: "the offered lifetime equals the responder's: nothing to announce." });
  });
  test("an AH+ESP policy takes the bundle, both protocols answered", () => {
    const choice = selectPhase2(BUNDLE_OR_ESP, { sets: [AH_AND_ESP], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS);
    expectEqual(choice.reply, sa({ ...ah(1, AH_T), spi: R_AH }, { ...esp(1, ESP_T), spi: R_ESP }), {
      what: "selectPhase2(AH+ESP as #1, ESP as #2; AH+ESP policy).reply",
      why: "both Proposal payloads numbered 1 come back, each with the responder's SPI for that protocol and its one transform.",
    });
    expectEqual(choice.chosen, [
      { protocolId: 2, transform: 1, lifetime: CISCO_LIFETIME },
      { protocolId: 3, transform: 1, lifetime: CISCO_LIFETIME },
    ], { what: "selectPhase2(bundle).chosen" });
  });
  test("the preferred side decides between two acceptable proposals", () => {
    const policy = { sets: [ESP_ONLY, AH_AND_ESP], lifetime: CISCO_LIFETIME };
    expectEqual(selectPhase2(BUNDLE_OR_ESP, { ...policy, prefer: "responder" }, SPIS).proposal, 2, { what: "selectPhase2(policy [ESP, AH+ESP], prefer responder).proposal", why: "the responder's first set, ESP alone, fits proposal #2." });
    expectEqual(selectPhase2(BUNDLE_OR_ESP, { ...policy, prefer: "initiator" }, SPIS).proposal, 1, { what: "selectPhase2(policy [ESP, AH+ESP], prefer initiator).proposal", why: "the initiator's first proposal, the bundle #1, fits the second set." });
  });
  test("transform order inside a proposal: the first acceptable one", () => {
    const aes256 = transform(1, 12, ipsec({ seconds: 3600, mode: 1, auth: 2, keyLength: 256 }));
    const short = transform(2, 12, ipsec({ seconds: 1200, mode: 1, auth: 2, keyLength: 128 }));
    const long = transform(3, 12, ipsec({ seconds: 3600, mode: 1, auth: 2, keyLength: 128 }));
    const choice = selectPhase2(sa(esp(1, aes256, short, long)), { sets: [ESP_ONLY], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS);
    expectEqual(choice.chosen.map((c) => c.transform), [2], { what: "selectPhase2(ESP #1 with transforms AES-256, AES-128 1200 s, AES-128 3600 s).chosen transform", why: "#1 does not fit; #2 and #3 both do, and #2 comes first in the initiator's order." });
  });
});

describe("step 2: lifetimes", () => {
  test("strongSwan's 3960 s: keep 3600 s and 4608000 KB, announce them with RESPONDER-LIFETIME", () => {
    const offered = transform(1, 12, ipsec({ seconds: 3960, mode: 1, auth: 2, keyLength: 128 }));
    const choice = selectPhase2(sa(esp(1, offered)), { sets: [ESP_ONLY], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS);
    expectEqual(choice.reply.proposals[0]?.transforms, [offered], { what: "the reply's transform", why: "RFC 2408 section 4.2: the transform goes back unchanged, 3960 s included; the shorter lifetime travels in a notification." });
    expectEqual(choice.notifications.length, 1, { what: "selectPhase2(3960 s offered, 3600 s own).notifications.length" });
    expectBytes(encodeNotification(choice.notifications[0]!), fromHexLoose("00000001 03 04 6000 bbbbbbbb 8001 0001 8002 0e10 8001 0002 0002 0004 00465000"), {
      what: "encodeNotification(the RESPONDER-LIFETIME notification)",
      why: "RFC 2407 section 4.6.3.1: protocol ESP, the responder's inbound SPI, then its real lifetime as SA attributes.",
    });
  });
});

describe("step 3: refusals", () => {
  test("a bundle where one protocol fails is refused as a whole: NO-PROPOSAL-CHOSEN", () => {
    const md5 = transform(1, 2, ipsec({ seconds: 3600, mode: 1, auth: 1 }));
    expectRefusal(
      () => selectPhase2(sa(ah(1, md5), esp(1, ESP_T)), { sets: [AH_AND_ESP], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS),
      NOTIFY.NO_PROPOSAL_CHOSEN,
      "selectPhase2(AH_MD5 AND ESP_AES; policy AH_SHA+ESP_AES)",
      "AND means every protocol of proposal #1 must fit; the ESP half alone is not an answer.",
    );
    expectRefusal(() => selectPhase2(sa(esp(1, ESP_T)), { sets: [AH_AND_ESP], lifetime: CISCO_LIFETIME, prefer: "responder" }, SPIS), NOTIFY.NO_PROPOSAL_CHOSEN, "selectPhase2(ESP alone; policy AH+ESP)", "the transform set needs AH as well.");
  });
  test("malformed offers and missing SPIs", () => {
    const policy = { sets: [ESP_ONLY], lifetime: CISCO_LIFETIME, prefer: "responder" as const };
    expectRefusal(() => selectPhase2(sa(esp(1, ESP_T), esp(1, ESP_T)), policy, SPIS), NOTIFY.BAD_PROPOSAL_SYNTAX, "selectPhase2(ESP twice in proposal #1)", "one proposal names each protocol once.");
    expectRefusal(() => selectPhase2(sa(esp(2, ESP_T), esp(1, ESP_T)), policy, SPIS), NOTIFY.BAD_PROPOSAL_SYNTAX, "selectPhase2(#2 before #1)", "RFC 2408 section 3.5: proposal numbers never go down.");
    expectRefusal(() => selectPhase2(sa({ number: 1, protocolId: 1, spi: new Uint8Array(0), transforms: [ESP_T] }), policy, SPIS), NOTIFY.INVALID_PROTOCOL_ID, "selectPhase2(a proposal for ISAKMP)", "quick mode negotiates AH, ESP or IPCOMP.");
    expectThrows(() => selectPhase2(sa(esp(1, ESP_T)), policy, new Map([[2, R_AH]])), { what: "selectPhase2(ESP chosen, no ESP SPI given)", error: "FieldError", field: "SPI", why: "the reply needs the responder's own SPI for every protocol it answers." });
  });
});

describe("step 4: random offers and policies", () => {
  test("agree with the reference", () => {
    const r = rng("phase2");
    const randomTransform = (n: number, id: number) =>
      transform(n, id, ipsec({ seconds: r.pick([undefined, 1200, 3600, 28800]), kilobytes: r.pick([undefined, 4608000]), mode: r.pick([1, 1, 2]), auth: r.pick([1, 2, 2]), keyLength: id === 12 ? r.pick([128, 128, 256]) : undefined }));
    for (let i = 0; i < 200; i++) {
      const proposals: Proposal[] = [];
      const count = r.int(1, 3);
      for (let n = 1; n <= count; n++) {
        const protocols = r.pick([[2], [3], [3], [2, 3]]);
        for (const id of protocols) {
          const transforms = Array.from({ length: r.int(1, 3) }, (_, k) => randomTransform(k + 1, id === 2 ? 3 : r.pick([3, 12])));
          proposals.push(id === 2 ? ah(n, ...transforms) : esp(n, ...transforms));
        }
      }
      const policy = {
        sets: Array.from({ length: r.int(1, 3) }, () => r.pick([ESP_ONLY, AH_AND_ESP, { esp: { transformId: 3, authAlgorithm: 1 }, mode: 1 }, { ah: AH_SHA, mode: 2 }])),
        lifetime: r.pick([CISCO_LIFETIME, { seconds: 28800 }, {}]),
        prefer: r.pick(["initiator", "responder"] as const),
      };
      expectEqual(outcome(() => selectPhase2(sa(...proposals), policy, SPIS)), outcome(() => ref.selectPhase2(sa(...proposals), policy, SPIS)), {
        what: `selectPhase2(random #${i}: ${proposals.length} Proposal payloads, ${policy.sets.length} transform sets, prefer ${policy.prefer})`,
      });
    }
  });
});

/** Hidden tests for 04-negotiation/ike-transform: one phase 1 transform against one policy suite (RFC 2409 section 5, Appendix A). */
import { describe, test } from "vitest";
import { expectEqual, expectTrue, rng } from "@teach";
import { checkAttributes, matchIkeTransform, SEED_SUITE } from "@impl/04-negotiation/ike-transform.ts";
import * as ref from "@ref/04-negotiation/ike-transform.ts";
import { decodeTransform } from "@ref/03-payloads/transform.ts";
import { IKE_ATTRIBUTE_CLASSES } from "@course/isakmp-attributes.ts";
import { SEED_TRANSFORM_BYTES } from "../03-payloads/fixtures.ts";
import { SEED_IKE, ike, transform, verdictShape } from "./support.ts";

const suite = ref.SEED_SUITE;

function refused(attrs: Parameters<typeof ike>[0] | ReturnType<typeof ike>, attribute: string, what: string, why: string, id = 1): void {
  const t = transform(1, id, Array.isArray(attrs) ? attrs : ike(attrs));
  const v = matchIkeTransform(t, suite);
  expectEqual(verdictShape(v), { ok: false, attribute }, { what: `matchIkeTransform(${what}, the seed's policy)`, why });
  const reason = (v as { reason?: unknown }).reason;
  expectTrue(typeof reason === "string" && reason.length > 0, `matchIkeTransform(${what}): a refusal carries a reason in words (got ${JSON.stringify(reason)}).`, "the responder's log line is how an engineer finds the mismatch.");
}

describe("step 1: the seed's offer fits the seed's policy", () => {
  test("the suite is exported as the seed's crypto isakmp policy 10", () => {
    expectEqual(SEED_SUITE, suite, { what: "SEED_SUITE", why: "AES-CBC (7) with 128-bit keys, SHA (2), pre-shared key (1), group 2, 86400 seconds." });
  });
  test("main mode message 1's transform is accepted with its 86400 s", () => {
    const t = decodeTransform(SEED_TRANSFORM_BYTES.subarray(4));
    expectEqual(verdictShape(matchIkeTransform(t, suite)), { ok: true, value: suite }, { what: "matchIkeTransform(the seed's transform, the seed's policy)", why: "every attribute equals the policy, and 86400 s is not longer than the policy's 86400 s." });
  });
  test("a shorter lifetime is accepted and used; no lifetime means the policy's", () => {
    expectEqual(verdictShape(matchIkeTransform(transform(1, 1, ike({ ...SEED_IKE, life: 3600 })), suite)), { ok: true, value: { ...suite, lifetimeSeconds: 3600 } }, {
      what: "matchIkeTransform(seed transform with Life-Duration 3600)",
      why: "Cisco IOS: an offered lifetime shorter than or equal to the policy's is accepted, and the shorter one is used.",
    });
    expectEqual(verdictShape(matchIkeTransform(transform(1, 1, ike({ ...SEED_IKE, life: undefined })), suite)), { ok: true, value: suite }, {
      what: "matchIkeTransform(seed transform without Life-Type/Life-Duration)",
      why: "the life attributes are optional (RFC 2409 Appendix A); without them the policy's own lifetime applies.",
    });
  });
});

describe("step 2: every attribute that does not fit names itself", () => {
  test("a different value", () => {
    refused({ ...SEED_IKE, enc: 5 }, "Encryption-Algorithm", "3DES-CBC instead of AES-CBC", "the policy allows only AES-CBC (7).");
    refused({ ...SEED_IKE, keyLength: 256 }, "Key-Length", "AES-256", "AES-128 and AES-256 are different ciphers to the policy: 256 is not 128.");
    refused({ ...SEED_IKE, hash: 1 }, "Hash-Algorithm", "MD5", "the policy wants SHA (2).");
    refused({ ...SEED_IKE, auth: 3 }, "Authentication-Method", "RSA signatures", "the policy authenticates with a pre-shared key (1).");
    refused({ ...SEED_IKE, group: 5 }, "Group-Description", "group 5", "the Diffie-Hellman group must be the policy's group 2.");
    refused(SEED_IKE, "Transform ID", "Transform ID 2", "phase 1 transforms are KEY_IKE (1).", 2);
  });
  test("a missing mandatory attribute, or one the policy does not have", () => {
    refused({ ...SEED_IKE, group: undefined }, "Group-Description", "no Group-Description", "RFC 2409 section 5: the group is mandatory in phase 1; a missing one refuses the transform, it does not crash the responder.");
    refused({ ...SEED_IKE, keyLength: undefined }, "Key-Length", "AES without Key-Length", "RFC 3602 section 5.3: AES needs its key length stated in phase 1.");
    refused([...ike(SEED_IKE), { type: 5, value: 1 }], "Group-Type", "an extra Group-Type", "Group-Type comes only with a private group, which this policy does not have.");
    refused([...ike(SEED_IKE), { type: 99, value: 1 }], "Attribute type 99", "unknown attribute class 99", "an attribute the responder does not understand makes the transform unacceptable (RFC 2408 section 4.2).");
  });
  test("malformed attribute lists", () => {
    refused([...ike(SEED_IKE), { type: 2, value: 2 }], "Hash-Algorithm", "Hash-Algorithm twice", "an attribute class appears once per transform.");
    refused([{ type: 12, value: 3600 }, ...ike({ ...SEED_IKE, life: undefined })], "Life-Duration", "Life-Duration without a Life-Type", "a duration means nothing without the Life-Type just before it.");
    refused([...ike({ ...SEED_IKE, life: undefined }), { type: 11, value: 1 }], "Life-Type", "Life-Type last, with no duration", "a Life-Type is followed by its Life-Duration.");
    refused([...ike({ ...SEED_IKE, life: undefined }), { type: 11, value: 7 }, { type: 12, value: 1 }], "Life-Type", "Life-Type 7", "life types are seconds (1) and kilobytes (2).");
    refused([...ike({ ...SEED_IKE, hash: undefined }), { type: 2, value: new Uint8Array(8) }], "Hash-Algorithm", "an 8-byte TLV hash value", "a value that is not a number cannot match; it refuses the transform instead of throwing.");
  });
  test("lifetimes: longer than the policy, or counted in kilobytes", () => {
    refused({ ...SEED_IKE, life: 172800 }, "Life-Duration", "Life-Duration 172800", "this course follows Cisco IOS: an offered lifetime longer than the policy's refuses the transform.");
    refused([...ike(SEED_IKE), { type: 11, value: 2 }, { type: 12, value: 1000 }], "Life-Type", "a kilobyte lifetime", "Cisco IOS limits IKE SAs by time only.");
  });
  test("checkAttributes returns the offered lifetimes", () => {
    const v = checkAttributes([{ type: 11, value: 1 }, { type: 12, value: 86400 }, { type: 1, value: 7 }], IKE_ATTRIBUTE_CLASSES, { type: 11, duration: 12 }, [[1, 7]]);
    expectEqual(v.ok, true, { what: "checkAttributes(Life seconds 86400, AES-CBC).ok" });
    expectEqual(v.ok ? [...v.value.entries()] : [], [[1, 86400]], { what: "checkAttributes(...).value as [life type, duration] pairs", why: "the map goes from life type (1 = seconds) to its duration." });
  });
});

describe("step 3: random transforms against random suites", () => {
  test("agree with the reference", () => {
    const r = rng("ike-transform");
    for (let i = 0; i < 300; i++) {
      const s = { encryption: r.pick([5, 7]), hash: r.pick([1, 2, 4]), authMethod: r.pick([1, 3]), group: r.pick([2, 5, 14]), lifetimeSeconds: r.pick([3600, 28800, 86400]), ...(r.int(0, 1) ? { keyLength: r.pick([128, 256]) } : {}) };
      const attrs = ike({
        enc: r.pick([5, 7, undefined]),
        keyLength: r.pick([128, 256, undefined]),
        hash: r.pick([1, 2, 4]),
        group: r.pick([2, 5, 14, undefined]),
        auth: r.pick([1, 3]),
        life: r.pick([undefined, 3600, 86400, 100000]),
      });
      if (r.int(0, 9) === 0) attrs.splice(r.int(0, attrs.length), 0, r.pick([{ type: 11, value: 2 }, { type: 99, value: 1 }, { type: 2, value: 2 }, { type: 12, value: 5 }]));
      const t = transform(r.int(1, 5), r.int(0, 9) === 0 ? 2 : 1, attrs);
      expectEqual(verdictShape(matchIkeTransform(t, s)), verdictShape(ref.matchIkeTransform(t, s)), { what: `matchIkeTransform(random #${i}: ${JSON.stringify(attrs)} vs ${JSON.stringify(s)})` });
    }
  });
});

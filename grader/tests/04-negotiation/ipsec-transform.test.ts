/** Hidden tests for 04-negotiation/ipsec-transform: one AH or ESP transform against a transform set (RFC 2407 section 4.5). */
import { describe, test } from "vitest";
import { expectEqual, rng } from "@teach";
import { DEFAULT_IPSEC_LIFETIME, matchIpsecTransform } from "@impl/04-negotiation/ipsec-transform.ts";
import * as ref from "@ref/04-negotiation/ipsec-transform.ts";
import { decodeTransform } from "@ref/03-payloads/transform.ts";
import { fromHexLoose } from "@teach";
import { ipsec, transform, verdictShape } from "./support.ts";

const ESP_AES = { transformId: 12, authAlgorithm: 2, keyLength: 128 };
const AH_SHA = { transformId: 3, authAlgorithm: 2 };
const TUNNEL = { mode: 1 };
const SEED_ESP = ipsec({ seconds: 3600, mode: 1, auth: 2, keyLength: 128 });

function check(t: ReturnType<typeof transform>, suite: typeof ESP_AES | typeof AH_SHA, options: { mode: number; pfsGroup?: number }, want: unknown, what: string, why: string): void {
  expectEqual(verdictShape(matchIpsecTransform(t, suite, options)), want, { what: `matchIpsecTransform(${what})`, why });
}

describe("step 1: acceptable transforms and their lifetimes", () => {
  test("ESP AES-128 with HMAC-SHA in tunnel mode, 3600 s, as bytes on the wire", () => {
    const t = decodeTransform(fromHexLoose("01 0c 0000 8001 0001 8002 0e10 8004 0001 8005 0002 8006 0080"));
    check(t, ESP_AES, TUNNEL, { ok: true, value: { seconds: 3600 } }, "ESP_AES #1: SA-Life 3600 s, Tunnel, HMAC-SHA, Key-Length 128", "every attribute fits; the value is the offered lifetime.");
  });
  test("no lifetime offered means 28800 seconds", () => {
    expectEqual(DEFAULT_IPSEC_LIFETIME, { seconds: 28800 }, { what: "DEFAULT_IPSEC_LIFETIME", why: "RFC 2407 section 4.5: an unspecified SA lifetime is 28800 seconds (8 hours)." });
    check(transform(1, 12, ipsec({ mode: 1, auth: 2, keyLength: 128 })), ESP_AES, TUNNEL, { ok: true, value: { seconds: 28800 } }, "ESP_AES without SA-Life attributes", "RFC 2407 section 4.5: the default lifetime applies.");
  });
  test("seconds and kilobytes together; AH; PFS", () => {
    check(transform(2, 12, ipsec({ seconds: 3600, kilobytes: 4608000, mode: 1, auth: 2, keyLength: 128 })), ESP_AES, TUNNEL, { ok: true, value: { seconds: 3600, kilobytes: 4608000 } }, "ESP_AES with 3600 s and 4608000 KB", "both limits apply, whichever comes first (RFC 2407 section 4.5).");
    check(transform(1, 3, ipsec({ mode: 1, auth: 2, seconds: 3600 })), AH_SHA, TUNNEL, { ok: true, value: { seconds: 3600 } }, "AH_SHA with HMAC-SHA", "AH_SHA is paired with the HMAC-SHA authentication algorithm (RFC 2407 section 4.4.3).");
    check(transform(1, 12, ipsec({ ...{ seconds: 3600, mode: 1, auth: 2, keyLength: 128 }, group: 2 })), ESP_AES, { mode: 1, pfsGroup: 2 }, { ok: true, value: { seconds: 3600 } }, "ESP_AES with Group-Description 2, PFS group 2 wanted", "with PFS, the group is in the transform.");
  });
});

describe("step 2: what does not fit", () => {
  const no = (attribute: string) => ({ ok: false, attribute });
  test("transform ID, mode, algorithm, key length, PFS group", () => {
    check(transform(1, 3, SEED_ESP), ESP_AES, TUNNEL, no("Transform ID"), "ESP_3DES offered, ESP_AES wanted", "the transform ID is the cipher in quick mode.");
    check(transform(1, 12, ipsec({ seconds: 3600, mode: 2, auth: 2, keyLength: 128 })), ESP_AES, TUNNEL, no("Encapsulation-Mode"), "Transport offered, Tunnel wanted", "the transform set's mode must match.");
    check(transform(1, 12, ipsec({ seconds: 3600, mode: 1, auth: 1, keyLength: 128 })), ESP_AES, TUNNEL, no("Authentication-Algorithm"), "HMAC-MD5 offered, HMAC-SHA wanted", "");
    check(transform(1, 12, ipsec({ seconds: 3600, mode: 1, auth: 2, keyLength: 256 })), ESP_AES, TUNNEL, no("Key-Length"), "AES-256 offered, AES-128 wanted", "");
    check(transform(1, 3, ipsec({ seconds: 3600, mode: 1 })), AH_SHA, TUNNEL, no("Authentication-Algorithm"), "AH_SHA without Authentication-Algorithm", "RFC 2407 section 4.5: AH must state its authentication algorithm; missing, it refuses the transform.");
    check(transform(1, 12, ipsec({ seconds: 3600, mode: 1, auth: 2, keyLength: 128, group: 5 })), ESP_AES, TUNNEL, no("Group-Description"), "a PFS group offered, no PFS wanted", "");
    check(transform(1, 12, SEED_ESP), ESP_AES, { mode: 1, pfsGroup: 2 }, no("Group-Description"), "no PFS group offered, group 2 wanted", "");
  });
  test("malformed attribute lists refuse the transform, never crash", () => {
    check(transform(1, 12, [...SEED_ESP, { type: 1, value: 1 }, { type: 2, value: 60 }]), ESP_AES, TUNNEL, no("SA-Life-Type"), "SA-Life-Type seconds twice", "each life type is given once.");
    check(transform(1, 12, [{ type: 2, value: 60 }, ...SEED_ESP]), ESP_AES, TUNNEL, no("SA-Life-Duration"), "SA-Life-Duration first", "RFC 2407 section 4.5: a duration follows its life type.");
    check(transform(1, 12, [...SEED_ESP, { type: 77, value: 1 }]), ESP_AES, TUNNEL, no("Attribute type 77"), "attribute class 77", "RFC 2407 section 4.5.3: an attribute the responder does not support refuses the SA.");
  });
});

describe("step 3: random transforms", () => {
  test("agree with the reference", () => {
    const r = rng("ipsec-transform");
    for (let i = 0; i < 300; i++) {
      const suite = r.pick([ESP_AES, AH_SHA, { transformId: 3, authAlgorithm: 1 }, { transformId: 12, keyLength: 256 }]);
      const options = r.int(0, 1) ? { mode: r.pick([1, 2]) } : { mode: 1, pfsGroup: r.pick([2, 14]) };
      const attrs = ipsec({ seconds: r.pick([undefined, 3600, 86400]), kilobytes: r.pick([undefined, 4608000]), mode: r.pick([1, 2, undefined]), auth: r.pick([1, 2, undefined]), keyLength: r.pick([128, 256, undefined]), group: r.pick([undefined, 2, 14]) });
      if (r.int(0, 9) === 0) attrs.splice(r.int(0, attrs.length), 0, r.pick([{ type: 1, value: 1 }, { type: 2, value: 9 }, { type: 66, value: 0 }, { type: 5, value: new Uint8Array(6) }]));
      const t = transform(r.int(1, 4), r.pick([3, 12]), attrs);
      expectEqual(verdictShape(matchIpsecTransform(t, suite, options)), verdictShape(ref.matchIpsecTransform(t, suite, options)), { what: `matchIpsecTransform(random #${i}: ${JSON.stringify(t)} vs ${JSON.stringify(suite)} ${JSON.stringify(options)})` });
    }
  });
});

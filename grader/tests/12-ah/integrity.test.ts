/**
 * Hidden tests for 12-ah/integrity: HMAC-MD5-96 and HMAC-SHA-1-96 on the
 * RFC 2202 cases truncated as RFC 2403/2404 say, HMAC-SHA-256-128 on RFC 4868
 * section 2.7.2's vectors, and the constant-time comparison.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, expectTrue, fromHexLoose, rng } from "@teach";
import { computeIcv, constantTimeEqual } from "@impl/12-ah/integrity.ts";
import * as ref from "@ref/12-ah/integrity.ts";
import vectors from "../vectors/hmac-96.json";
import { INTEGRITY_NAMES } from "./sas.ts";

interface Hmac96Case { test_case: number; key: string; data: string; digest_96: string }
interface Sha256Case { name: string; key: string; data: string; hmac_sha256_128: string }

describe("step 1: the RFC vectors", () => {
  test("HMAC-MD5-96: RFC 2202 section 2's cases, first 12 bytes", () => {
    for (const c of vectors.hmac_md5_96 as Hmac96Case[]) {
      // Cases with keys other than 16 bytes test HMAC itself; an MD5 SA key is always 16 bytes.
      if (fromHexLoose(c.key).length !== 16) continue;
      expectEqual(computeIcv("hmac-md5-96", fromHexLoose(c.key), fromHexLoose(c.data)), fromHexLoose(c.digest_96), {
        what: `computeIcv("hmac-md5-96", RFC 2202 test_case ${c.test_case})`,
        why: "RFC 2403 section 2: HMAC-MD5 truncated to its leftmost 96 bits (12 bytes).",
      });
    }
  });
  test("HMAC-SHA-1-96: RFC 2202 section 3's cases, first 12 bytes", () => {
    for (const c of vectors.hmac_sha1_96 as Hmac96Case[]) {
      if (fromHexLoose(c.key).length !== 20) continue;
      expectEqual(computeIcv("hmac-sha1-96", fromHexLoose(c.key), fromHexLoose(c.data)), fromHexLoose(c.digest_96), {
        what: `computeIcv("hmac-sha1-96", RFC 2202 test_case ${c.test_case})`,
        why: "RFC 2404 section 2: HMAC-SHA-1 truncated to its leftmost 96 bits. This is the seed's \"esp-sha-hmac\" and \"ah-sha-hmac\".",
      });
    }
  });
  test("HMAC-SHA-256-128: RFC 4868 section 2.7.2", () => {
    for (const c of vectors.hmac_sha256_128 as Sha256Case[]) {
      const key = fromHexLoose(c.key);
      expectEqual(computeIcv("hmac-sha256-128", key, fromHexLoose(c.data)), fromHexLoose(c.hmac_sha256_128), {
        what: `computeIcv("hmac-sha256-128", RFC 4868 ${c.name})`,
        why: "RFC 4868 section 2.3: HMAC-SHA-256 truncated to 128 bits (16 bytes), with a 32-byte key.",
      });
    }
  });
});

describe("step 2: keys of the wrong length are refused", () => {
  test("each algorithm refuses a key one byte short", () => {
    const lengths = { "hmac-md5-96": 16, "hmac-sha1-96": 20, "hmac-sha256-128": 32 } as const;
    for (const name of INTEGRITY_NAMES) {
      expectThrows(() => computeIcv(name, new Uint8Array(lengths[name] - 1), new Uint8Array(8)), {
        what: `computeIcv("${name}", a ${lengths[name] - 1}-byte key)`,
        error: "FieldError",
        field: "Integrity key",
        why: `the SA's key length is fixed by the algorithm's RFC (${lengths[name]} bytes); HMAC would take any length silently, and the two peers would never agree.`,
      });
    }
  });
  test("random data and keys agree with the reference", () => {
    const r = rng("icv random");
    for (let i = 0; i < 30; i++) {
      const name = r.pick(INTEGRITY_NAMES);
      const key = r.bytes({ "hmac-md5-96": 16, "hmac-sha1-96": 20, "hmac-sha256-128": 32 }[name]);
      const data = r.bytes(r.int(0, 400));
      expectEqual(computeIcv(name, key, data), ref.computeIcv(name, key, data), { what: `computeIcv("${name}", ${data.length} random bytes)` });
    }
  });
});

describe("step 3: the comparison", () => {
  test("equal, different at the first or last byte, different lengths", () => {
    const a = fromHexLoose("aa9cafe5ed06d6c74cb3c671");
    expectTrue(constantTimeEqual(a, a.slice()) === true, "constantTimeEqual(the seed's AH ICV, a copy of it) should be true.");
    for (const at of [0, 5, 11]) {
      const b = a.slice();
      b[at]! ^= 0x80;
      expectTrue(constantTimeEqual(a, b) === false, `constantTimeEqual should be false when byte ${at} differs.`);
    }
    expectTrue(constantTimeEqual(a, a.subarray(0, 11)) === false, "constantTimeEqual(12 bytes, their first 11) should be false: a short ICV is not a match.", "otherwise an attacker sends an empty ICV and every packet passes.");
    expectTrue(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)) === true, "constantTimeEqual(empty, empty) should be true.");
  });
  test("it reads every byte even when the first one differs", () => {
    let reads = 0;
    const counting = (bytes: Uint8Array) =>
      new Proxy(bytes, {
        get(target, prop, receiver) {
          if (typeof prop === "string" && /^\d+$/.test(prop)) reads++;
          const v = Reflect.get(target, prop, target);
          return typeof v === "function" ? v.bind(target) : (void receiver, v);
        },
      });
    const a = new Uint8Array(12).fill(1);
    const b = new Uint8Array(12).fill(2);
    constantTimeEqual(counting(a), counting(b));
    expectTrue(reads >= 24, `constantTimeEqual read only ${reads} of the 24 bytes of two 12-byte ICVs that differ at byte 0.`, "an early return makes a wrong ICV fail faster the sooner it differs; by timing many tries an attacker learns the right ICV byte by byte. Look at every byte, always.");
  });
});

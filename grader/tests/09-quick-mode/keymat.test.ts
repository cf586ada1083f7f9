/**
 * Hidden tests for 09-quick-mode/keymat: the ESP keys charon installed in
 * two real quick modes (with and without PFS), long KEYMAT against
 * node:crypto's HMAC, and the two directions.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { childKeys, keymat } from "@impl/09-quick-mode/keymat.ts";
import { b, cat, hmac, u32 } from "./fixtures.ts";
import { NO_PFS, PFS_GROUP2 } from "./strongswan-vectors.ts";

describe("step 1: charon's ESP keys", () => {
  for (const v of [NO_PFS, PFS_GROUP2]) {
    test(v.label, () => {
      // charon logged each KEYMAT seed: [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b.
      const seed = b(v.initiatorSeed);
      const gxy = v.gxyQuick ? b(v.gxyQuick) : undefined;
      const at = gxy ? gxy.length : 0;
      const niB = seed.slice(at + 5, at + 37);
      const nrB = seed.slice(at + 37);
      const base = { hash: "sha1" as const, skeyidD: b(v.skeyid_d), protocolId: 3, niB, nrB, ...(gxy && { gxy }) };
      const sent = childKeys({ ...base, spi: parseInt(v.responderSpi, 16) }, "aes-128-cbc", "hmac-sha1-96");
      const received = childKeys({ ...base, spi: parseInt(v.initiatorSpi, 16) }, "aes-128-cbc", "hmac-sha1-96");
      const why = `KEYMAT = prf(SKEYID_d, ${gxy ? "g(qm)^xy | " : ""}3 | SPI | Ni_b | Nr_b), expanded to 16 + 20 octets: the AES key first, then the HMAC-SHA-1 key.`;
      expectBytes(sent.encKey, b(v.encI), { what: `encryption key of the SA with the responder's SPI 0x${v.responderSpi}`, why: `${why} This SA carries what the initiator sends, so the responder chose its SPI.` });
      expectBytes(sent.integKey, b(v.integI), { what: `integrity key of SPI 0x${v.responderSpi}`, why });
      expectBytes(received.encKey, b(v.encR), { what: `encryption key of the SA with the initiator's SPI 0x${v.initiatorSpi}`, why: `${why} Same nonces, other SPI: the other direction's keys.` });
      expectBytes(received.integKey, b(v.integR), { what: `integrity key of SPI 0x${v.initiatorSpi}`, why });
      expectEqual(sent.spi, parseInt(v.responderSpi, 16), { what: "childKeys(...).spi", why: "the keys belong to the SA with that SPI." });
    });
  }
});

describe("step 2: expansion K1 | K2 | ... against node:crypto", () => {
  test("lengths from 1 to 130 octets, md5, sha1, sha256, with and without PFS", () => {
    const r = rng("keymat");
    for (const h of ["md5", "sha1", "sha256"] as const) {
      for (const bytes of [1, 16, 20, 36, 52, 64, 130]) {
        const skeyidD = r.bytes(20);
        const spi = r.int(256, 0xffffffff);
        const niB = r.bytes(r.int(8, 40));
        const nrB = r.bytes(r.int(8, 40));
        const gxy = r.int(0, 1) === 1 ? r.bytes(128) : undefined;
        const seed = cat(gxy ?? new Uint8Array(0), Uint8Array.of(3), u32(spi), niB, nrB);
        let k: Uint8Array = new Uint8Array(0);
        let all: Uint8Array = new Uint8Array(0);
        while (all.length < bytes) {
          k = hmac(h, skeyidD, k, seed);
          all = cat(all, k);
        }
        expectBytes(keymat({ hash: h, skeyidD, protocolId: 3, spi, niB, nrB, ...(gxy && { gxy }) }, bytes), all.slice(0, bytes), {
          what: `keymat("${h}", SPI 0x${spi.toString(16)}, ${gxy ? "PFS, " : ""}${bytes} octets)`,
          why: "K1 = prf(SKEYID_d, seed), Kn = prf(SKEYID_d, Kn-1 | seed): each block feeds the next, and the result is cut to the length asked for.",
        });
      }
    }
  });
  test("AH takes only an integrity key; ESP without integrity only a cipher key", () => {
    const r = rng("keymat-split");
    const input = { hash: "sha1" as const, skeyidD: r.bytes(20), protocolId: 2, spi: 0x1234, niB: r.bytes(20), nrB: r.bytes(20) };
    const ah = childKeys(input, undefined, "hmac-sha1-96");
    expectEqual(ah.encKey.length, 0, { what: "AH's encryption key length", why: "AH does not encrypt." });
    expectBytes(ah.integKey, keymat(input, 20), { what: "AH's HMAC-SHA-1 key", why: "all 20 octets of KEYMAT go to the integrity key." });
    const esp = childKeys({ ...input, protocolId: 3 }, "aes-256-cbc", "hmac-sha256-128");
    expectBytes(cat(esp.encKey, esp.integKey), keymat({ ...input, protocolId: 3 }, 64), { what: "ESP AES-256 + HMAC-SHA-256 keys", why: "32 octets of cipher key, then 32 of HMAC key, from one 64-octet KEYMAT." });
    expectEqual(esp.encKey.length, 32, { what: "the AES-256 key length" });
    const noInteg = childKeys({ ...input, protocolId: 3 }, "aes-128-cbc", "none");
    expectEqual(noInteg.integKey.length, 0, { what: "integrity key of ESP without integrity" });
  });
  test("the protocol octet and the SPI change every key", () => {
    const r = rng("keymat-direction");
    const input = { hash: "sha1" as const, skeyidD: r.bytes(20), protocolId: 3, spi: 0x1000, niB: r.bytes(20), nrB: r.bytes(20) };
    const a = keymat(input, 36);
    const c = keymat({ ...input, spi: 0x1001 }, 36);
    const d = keymat({ ...input, protocolId: 2 }, 36);
    const hex = (x: Uint8Array) => Buffer.from(x).toString("hex");
    expectTrue(hex(a) !== hex(c), "keymat with SPI 0x1000 and 0x1001 gave the same keys", "each direction has its own SPI, so its own keys: the SPI is part of the prf input.");
    expectTrue(hex(a) !== hex(d), "keymat for ESP (3) and AH (2) gave the same keys", "the protocol octet is part of the prf input.");
  });
});

describe("step 3: bad lengths", () => {
  test("zero octets", () => {
    expectThrows(() => keymat({ hash: "sha1", skeyidD: new Uint8Array(20), protocolId: 3, spi: 256, niB: new Uint8Array(8), nrB: new Uint8Array(8) }, 0), { what: "keymat(..., 0)", error: "FieldError", field: "KEYMAT length", why: "an SA needs at least one octet of key." });
  });
});

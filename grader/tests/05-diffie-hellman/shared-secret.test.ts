/**
 * Hidden tests for 05-diffie-hellman/shared-secret: both sides get the same
 * g^xy, equal to OpenSSL's, in fixed-length form.
 */
import { describe, test } from "vitest";
import { expectBytes, expectThrows, expectTrue, rng } from "@teach";
import { MODP_GROUPS, modpGroup } from "@course/modp-groups.ts";
import { sharedSecret } from "@impl/05-diffie-hellman/shared-secret.ts";
import { nextWithLeadingZero, opensslPublic, opensslShared, testPrivate } from "./dh-oracle.ts";

const group2 = modpGroup(2);

describe("step 1: the two sides agree, and agree with OpenSSL", () => {
  test("every group, random private values", () => {
    const r = rng("sharedSecret");
    for (const group of MODP_GROUPS) {
      const xi = testPrivate(group, r.bytes);
      const xr = testPrivate(group, r.bytes);
      const gxi = opensslPublic(group, xi);
      const gxr = opensslPublic(group, xr);
      const want = opensslShared(group, xi, gxr);
      expectBytes(sharedSecret(group, xi, gxr), want, { what: `the initiator's sharedSecret(group ${group.id}, xi, g^xr)`, why: "(g^xr)^xi mod p, as OpenSSL computes it with the same values." });
      expectBytes(sharedSecret(group, xr, gxi), want, { what: `the responder's sharedSecret(group ${group.id}, xr, g^xi)`, why: "(g^xi)^xr = (g^xr)^xi: that equality is the whole point of Diffie-Hellman." });
    }
  });
  test("a secret that starts with a zero octet keeps it", () => {
    // From a seeded start, the first xi for which (g^xr)^xi mod p has a zero top octet (about 1 in 256).
    const r = rng("sharedSecret leading zero");
    const x0 = testPrivate(group2, r.bytes);
    const gxr = opensslPublic(group2, testPrivate(group2, r.bytes));
    const xi = nextWithLeadingZero(group2, x0, BigInt("0x" + Buffer.from(gxr).toString("hex")), opensslShared(group2, x0, gxr));
    const want = opensslShared(group2, xi, gxr);
    expectTrue(want[0] === 0 && xi <= group2.p - 2n, "the test's search for a g^xy with a leading zero went wrong (this should not happen)");
    expectBytes(sharedSecret(group2, xi, gxr), want, { what: "sharedSecret(group 2, ...) for a g^xy below 2^1016", why: "g^xy goes into SKEYID_d/a/e as 128 octets, leading zeros included, as strongSwan logs it: without them every key of that exchange differs from the peer's." });
  });
});

describe("step 2: bad inputs", () => {
  test("the peer's value is checked first", () => {
    const x = testPrivate(group2, rng("sharedSecret bad").bytes);
    const one = new Uint8Array(128);
    one[127] = 1;
    expectThrows(() => sharedSecret(group2, x, one), { what: "sharedSecret(group 2, x, y = 1)", error: "FieldError", field: "Key Exchange Data", why: "call checkPeerPublic before the exponentiation: with y = 1 the secret is 1, known to anyone." });
    expectThrows(() => sharedSecret(group2, x, new Uint8Array(96).fill(7)), { what: "sharedSecret(group 2, x, a 96-octet value)", error: "FieldError", field: "Key Exchange Data" });
  });
  test("our private value is checked too", () => {
    const gxr = opensslPublic(group2, 12345n);
    expectThrows(() => sharedSecret(group2, 1n, gxr), { what: "sharedSecret(group 2, x = 1, ...)", error: "FieldError", field: "Private value" });
    expectThrows(() => sharedSecret(modpGroup(1), MODP_GROUPS[0]!.p, opensslPublic(modpGroup(1), 5n)), { what: "sharedSecret(group 1, x = p, ...)", error: "FieldError", field: "Private value" });
  });
});

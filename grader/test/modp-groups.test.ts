/**
 * The MODP table learners use (grader/support/modp-groups.ts) against two
 * sources nobody here typed: OpenSSL's built-in RFC 2409 / RFC 3526 groups
 * (node:crypto getDiffieHellman("modpN")), and, where the course authors'
 * checked reference file is present, its primes and lengths.
 */
import { getDiffieHellman } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { MODP_GROUPS, modpGroup } from "../support/modp-groups.ts";

const REFERENCE = "/work/shared/reference/modp-groups.json";

describe("MODP groups", () => {
  test.each(MODP_GROUPS.map((g) => [g.id, g] as const))("group %i equals OpenSSL's built-in prime and generator", (id, g) => {
    const dh = getDiffieHellman(`modp${id}`);
    expect(g.p.toString(16)).toBe(dh.getPrime("hex"));
    expect(g.g).toBe(BigInt("0x" + dh.getGenerator("hex")));
    expect(g.p.toString(2).length).toBe(g.bits);
    expect(g.bytes * 8).toBe(g.bits);
  });
  test.skipIf(!existsSync(REFERENCE))("the table matches the reference file modp-groups.json", () => {
    const ref = JSON.parse(readFileSync(REFERENCE, "utf8")) as { groups: { id: number; bits: number; bytes: number; p: string; g: number }[] };
    expect(MODP_GROUPS.map((g) => ({ id: g.id, bits: g.bits, bytes: g.bytes, p: g.p.toString(16), g: Number(g.g) }))).toEqual(ref.groups.map((g) => ({ id: g.id, bits: g.bits, bytes: g.bytes, p: g.p, g: g.g })));
  });
  test("an unknown group is a FieldError naming Group Description", () => {
    expect(() => modpGroup(19)).toThrowError(expect.objectContaining({ name: "FieldError", field: "Group Description" }));
  });
});

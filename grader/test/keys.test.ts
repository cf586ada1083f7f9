/**
 * `ipsec-course keys`, run as a learner runs it, on a real exchange: the
 * values strongSwan logged for the seed's proposal (captured by the interop
 * suite). The solutions must print exactly what charon derived.
 */
import { describe, expect, test } from "vitest";
import { AES128_SHA1_MODP1024 as X } from "../tests/06-phase1-keys/strongswan-vectors.ts";
import { cli } from "./helpers.ts";

const args = ["keys", "--psk", X.psk, "--ni", X.ni, "--nr", X.nr, "--gxy", X.gxy, "--cky-i", X.ckyI, "--cky-r", X.ckyR, "--hash", X.hash, "--cipher", X.cipher];

describe("ipsec-course keys", () => {
  test("--json with the solutions gives strongSwan's keys and IV", () => {
    const r = cli([...args, "--gxi", X.gxi, "--gxr", X.gxr, "--impl", "solutions", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ skeyid: X.skeyid, skeyid_d: X.skeyid_d, skeyid_a: X.skeyid_a, skeyid_e: X.skeyid_e, enc_key: X.encKey, iv: X.iv });
  });
  test("text output names each value; without --gxi/--gxr there is no IV", () => {
    const r = cli([...args, "--impl", "solutions"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`SKEYID_e        ${X.skeyid_e}`);
    expect(r.stdout).toContain(`encryption key  ${X.encKey}`);
    expect(r.stdout).toContain("(give --gxi and --gxr)");
  });
  test("on the stubs: exit 1 and a pointer to the exercises", () => {
    const r = cli([...args, "--impl", "exercises"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not written yet[\s\S]*skeyid, enc-key, iv/);
  });
  test("a missing option, a bad hash name or bad hex is a usage error (exit 2)", () => {
    expect(cli(["keys", "--psk", "x"]).stderr).toMatch(/keys needs --ni/);
    expect(cli([...args.slice(0, -4), "--hash", "sha224", "--cipher", "aes128", "--impl", "solutions"]).status).toBe(2);
    expect(cli([...args.map((a) => (a === X.ni ? "zz" : a)), "--impl", "solutions"]).stderr).toMatch(/--ni takes hex octets/);
  });
});

/**
 * `ipsec-course ike` and the IKE capture options, run as a learner runs
 * them (the interop suite drives `ike` against strongSwan; this checks what
 * a learner sees when something is off).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, peerSettings } from "../src/ike/config.ts";
import { PRISTINE_DIR } from "../src/paths.ts";
import { cli } from "./helpers.ts";

const state = mkdtempSync(join(tmpdir(), "ipsec-course-state-"));
const env = { IPSEC_COURSE_STATE_DIR: state };
const dir = mkdtempSync(join(tmpdir(), "ipsec-course-ike-"));
const isRoot = process.getuid?.() === 0;

function config(name: string, body: object): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

const GOOD = { local: "127.0.0.1", remote: "127.0.0.2", psk: "cisco123", mode: "main", phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1", localSubnet: "10.1.1.0/24", remoteSubnet: "10.2.2.0/24" };

describe("ipsec-course ike", () => {
  test("help names it; a missing role or --config is a usage error", () => {
    expect(cli(["help"], env).stdout).toContain("  ike initiate|respond --config FILE");
    expect(cli(["ike"], env).status).toBe(2);
    expect(cli(["ike", "initiate"], env).stderr).toMatch(/ike needs --config FILE/);
  });

  test("a configuration mistake names the setting and what it takes; the command makes it a usage error", () => {
    const cases: [object, RegExp][] = [
      [{ ...GOOD, phase1: "aes128-sha1-modp999" }, /group "modp999" in "aes128-sha1-modp999" is not one of modp768, modp1024/],
      [{ ...GOOD, phase2: "aes128-sha1-modp1024" }, /phase 2 proposal "aes128-sha1-modp1024": cipher-integrity/],
      [{ ...GOOD, mode: "fast" }, /"mode" must be "main" or "aggressive"/],
      [{ ...GOOD, localSubnet: "10.1.1.0" }, /"localSubnet" must be a subnet like "10.1.1.0\/24"/],
      [{ ...GOOD, pks: "typo" }, /unknown setting "pks"/],
      [{ ...GOOD, psk: "0xzz" }, /"psk" starts with 0x but is not hex/],
      [{ ...GOOD, pfsGroup: "modp1023" }, /"pfsGroup" must be one of modp768/],
      [{ ...GOOD, dpd: { delay: 0 } }, /"dpd.delay" must be a whole number, at least 1/],
      [{ ...GOOD, dpd: { dealy: 10 } }, /"dpd" has unknown key "dealy"; known: delay, retry, tries/],
      [{ ...GOOD, rekey: { margin: 3000, rand: 600 } }, /"rekey" margin \+ rand \(3000 \+ 600 s\) must be shorter than the shorter lifetime \(3600 s\)/],
      [{ ...GOOD, deleteRekeyed: "yes" }, /"deleteRekeyed" must be true or false/],
    ];
    for (const [body, message] of cases) expect(() => peerSettings(body)).toThrow(message);
    expect(() => peerSettings(GOOD)).not.toThrow(ConfigError);
    const r = cli(["ike", "initiate", "--config", config("bad", cases[0]![0])], env);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(cases[0]![1]);
  });

  test("dpd and rekey: the documented defaults, seconds turned into the chapter 10 policies", () => {
    const d = peerSettings(GOOD);
    expect(d.dpd, "dpd absent = true: 30 s, 5 s, 3 tries").toEqual({ delayMs: 30_000, retryMs: 5_000, tries: 3 });
    expect(d.rekey, "strongSwan's margin and a third of it as jitter").toEqual({ marginSeconds: 540, randSeconds: 180 });
    expect(d.deleteRekeyed).toBe(false);
    expect(peerSettings({ ...GOOD, dpd: false }).dpd, "dpd false: never ask").toBeUndefined();
    expect(peerSettings({ ...GOOD, dpd: false }).phase1.vendorIds.sa, "and do not announce it").toEqual([]);
    expect(peerSettings({ ...GOOD, dpd: { delay: 10 } }).dpd, "an object overrides what it names").toEqual({ delayMs: 10_000, retryMs: 5_000, tries: 3 });
    expect(peerSettings({ ...GOOD, lifetimes: { ipsec: 60 } }).rekey, "a short lifetime without a rekey setting: 15 % and 5 % of it").toEqual({ marginSeconds: 9, randSeconds: 3 });
  });

  test.runIf(isRoot)("on the shipped stubs, the peer says which function is still empty", () => {
    const r = cli(["ike", "initiate", "--config", config("good", GOOD), "--impl", PRISTINE_DIR, "--timeout", "5"], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/phase 1: \w+ is not written yet/);
  });
});

describe("ipsec-course pcap, IKE scenarios", () => {
  test("main-mode --as-seed --keys-dir: six messages and Wireshark's ikev1_decryption_table", () => {
    const r = cli(["pcap", "main-mode", "--impl", "solutions", "--as-seed", "-o", join(dir, "mm.pcap"), "--keys-dir", join(dir, "keys")], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote 6 packets/);
    expect(readFileSync(join(dir, "keys", "ikev1_decryption_table"), "utf8"), "cookie,key in unquoted hex: the seed's initiator cookie, a 16-octet AES key").toMatch(/^e47a59ffd057587f,[0-9a-f]{32}\n$/);
  });
});

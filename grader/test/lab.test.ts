/**
 * The lab's configuration, without namespaces: both of our daemons' files
 * mirror each other and parse with the daemon's own parser, every lab flag
 * reaches both sides (and charon's swanctl.conf when it is the right side),
 * and names stay within what `ip netns` and lab.json expect. The lab itself
 * runs in grader/interop/capstone-*.test.ts.
 */
import { describe, expect, test } from "vitest";
import { ADDRESSES, LabError, charonConfigFor, checkLabName, labDir, labProposals, labSpec, sideDir, tunnelConfigFor, type LabOptions } from "../src/lab/lab.ts";
import { tunnelConfig } from "../src/tunnel/config.ts";

const BASE: LabOptions = { name: "t", implDir: "/x", right: "ours", mode: "main", pfs: false, strong: false };

describe("lab configuration", () => {
  test("left and right mirror each other and parse as tunnel configurations", () => {
    const left = tunnelConfig(tunnelConfigFor("left", BASE));
    const right = tunnelConfig(tunnelConfigFor("right", BASE));
    expect(left.peer.phase1.local.address).toBe(ADDRESSES.left.underlay);
    expect(left.peer.phase1.remote.address, "left's remote is right's local").toBe(right.peer.phase1.local.address);
    expect(left.peer.phase2.localSubnet, "left's protected LAN is right's remote subnet").toBe(right.peer.phase2.remoteSubnet);
    expect(left.peer.phase2.remoteSubnet).toBe("10.2.0.0/24");
    expect(left.tunnel.tun).toBe("ipsc0");
    expect(left.peer.mode).toBe("main");
  });
  test("--mode, --pfs and --strong change both sides the same way", () => {
    for (const o of [{ mode: "aggressive" as const }, { pfs: true }, { strong: true }, { strong: true, pfs: true }]) {
      const opts = { ...BASE, ...o };
      const [l, r] = [tunnelConfigFor("left", opts), tunnelConfigFor("right", opts)];
      for (const key of ["mode", "phase1", "phase2", "pfsGroup", "psk"]) expect(l[key], `${key} with ${JSON.stringify(o)}`).toEqual(r[key]);
      tunnelConfig(l);
    }
    expect(labProposals({ strong: false, pfs: false })).toEqual({ phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1" });
    expect(labProposals({ strong: true, pfs: true })).toEqual({ phase1: "aes256-sha256-modp2048", phase2: "aes256-sha256", pfsGroup: "modp2048" });
    expect(labProposals({ strong: false, pfs: true }).pfsGroup, "PFS uses the phase 1 group").toBe("modp1024");
  });
  test("charon on the right gets the same proposals, subnets and key in swanctl's words", () => {
    const conf = charonConfigFor({ ...BASE, right: "strongswan", strong: true, pfs: true });
    for (const line of ["proposals = aes256-sha256-modp2048", "esp_proposals = aes256-sha256-modp2048", "local_ts = 10.2.0.0/24", "remote_ts = 10.1.0.0/24", "version = 1", "aggressive = no", 'secret = "cisco"']) {
      expect(conf, `swanctl.conf has "${line}"`).toContain(line);
    }
  });
  test("names: <NAME>-left and <NAME>-right, files under /run/ipsec-course/lab-<NAME>; odd names refused", () => {
    expect(labSpec("ipsc").r1.name).toBe("ipsc-left");
    expect(labSpec("ipsc").r2.name).toBe("ipsc-right");
    expect(labDir("ipsc")).toBe("/run/ipsec-course/lab-ipsc");
    expect(sideDir("ipsc", "left")).toBe("/run/ipsec-course/lab-ipsc/left");
    for (const bad of ["", "Upper", "a/b", "../x", "muchtoolongname", "-x"]) expect(() => checkLabName(bad), `lab name "${bad}"`).toThrow(LabError);
    expect(checkLabName("c4l0a1b")).toBe("c4l0a1b");
  });
});

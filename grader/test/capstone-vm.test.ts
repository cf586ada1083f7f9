/**
 * The two-VM walkthrough's ready files (capstone/vm) cannot run here (no
 * hypervisor), so what can be checked is checked: the tunnel configs are what
 * the daemon accepts and mirror each other, and the Vagrantfile, provision.sh
 * and the cloud-init files agree with them on addresses and names.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { COURSE_ROOT } from "../src/paths.ts";
import { readTunnelConfig } from "../src/tunnel/config.ts";

const VM = join(COURSE_ROOT, "capstone/vm");
const read = (f: string) => readFileSync(join(VM, f), "utf8");

describe("capstone/vm", () => {
  test("left.json and right.json parse as tunnel configs and are each other's mirror image", () => {
    const left = readTunnelConfig(join(VM, "left.json"));
    const right = readTunnelConfig(join(VM, "right.json"));
    const l = JSON.parse(read("left.json")) as Record<string, unknown>;
    const r = JSON.parse(read("right.json")) as Record<string, unknown>;
    expect([l.local, l.remote, l.localSubnet, l.remoteSubnet]).toEqual(["192.168.12.1", "192.168.12.2", "10.1.0.0/24", "10.2.0.0/24"]);
    expect([r.local, r.remote, r.localSubnet, r.remoteSubnet]).toEqual([l.remote, l.local, l.remoteSubnet, l.localSubnet]);
    const rest = (c: Record<string, unknown>) => ({ ...c, local: 0, remote: 0, localSubnet: 0, remoteSubnet: 0 });
    expect(rest(r), "every other key the same on both sides").toEqual(rest(l));
    expect(left.tunnel).toEqual(right.tunnel);
    expect(left.tunnel.mtu).toBe(1400);
    expect(l.psk).toBe("cisco");
  });

  test("the Vagrantfile, provision.sh and the cloud-init files use the same addresses and sides", () => {
    expect(read("Vagrantfile")).toMatch(/"left" => 1, "right" => 2/);
    expect(read("Vagrantfile")).toContain('ip: "192.168.12.#{n}"');
    const provision = read("provision.sh");
    expect(provision).toContain("left) n=1");
    expect(provision).toContain("ip addr replace 10.$n.0.1/24 dev lan0");
    expect(provision).toContain("ip addr replace 192.168.12.$n/24 dev $underlay_dev");
    expect(spawnSync("sh", ["-n", join(VM, "provision.sh")]).status, "provision.sh parses").toBe(0);
    for (const side of ["left", "right"]) {
      const userData = read(`${side}.user-data`);
      expect(userData.startsWith("#cloud-config\n")).toBe(true);
      expect(userData).toContain(`capstone/vm/provision.sh ${side} /opt/ipsec-from-scratch auto`);
    }
  });
});

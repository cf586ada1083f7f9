/**
 * Steering the protected traffic into the TUN device, as a router's crypto
 * map does with its access-list: packets for the remote subnet are routed
 * into the device, where the daemon reads them. With `src` set to our own
 * address inside the local subnet (when this host has one), packets this
 * host sends itself also match the policy (10.1.0.1 -> 10.2.0.1, not
 * 192.168.12.1 -> 10.2.0.1). Nothing is removed on exit: closing the TUN
 * file descriptor deletes the device, and the kernel deletes its routes with
 * it.
 */
import { spawnSync } from "node:child_process";

export class RouteError extends Error {
  override readonly name = "RouteError";
}

function ip(args: readonly string[]): string {
  const r = spawnSync("ip", args, { encoding: "utf8" });
  if (r.error) throw new RouteError(`cannot run ip (${r.error.message}): the tunnel needs iproute2`);
  if (r.status !== 0) throw new RouteError(`ip ${args.join(" ")} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

const toNumber = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);

/** Whether IPv4 `address` lies inside `cidr`. */
export function inSubnet(address: string, cidr: string): boolean {
  const [net, bits] = cidr.split("/");
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(net!) / size);
}

/** This host's first IPv4 address inside `cidr`, if it has one. */
export function localAddressIn(cidr: string): string | undefined {
  const rows = JSON.parse(ip(["-j", "-4", "addr", "show"]) || "[]") as { addr_info?: { local?: string }[] }[];
  return rows.flatMap((r) => r.addr_info ?? []).map((a) => a.local).find((a): a is string => a !== undefined && inSubnet(a, cidr));
}

/** `ip link set <dev> up mtu <mtu>` and `ip route replace <remoteSubnet> dev <dev> [src <ours>]`; returns the source address used. */
export function routeIntoTun(dev: string, mtu: number, localSubnet: string, remoteSubnet: string): string | undefined {
  ip(["link", "set", dev, "up", "mtu", String(mtu)]);
  const src = localAddressIn(localSubnet);
  ip(["route", "replace", remoteSubnet, "dev", dev, ...(src ? ["src", src] : [])]);
  return src;
}

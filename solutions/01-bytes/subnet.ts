/**
 * Exercise 01-bytes/subnet: masks, prefixes and wildcards (reference solution).
 *
 * A crypto map's access-list says which traffic IPsec protects; in IKE the
 * same subnets travel as ID_IPV4_ADDR_SUBNET (address + mask, RFC 2407
 * section 4.6.2.5). Cisco ACLs write the mask inverted, as a wildcard:
 * 10.1.0.0 0.0.0.255 is 10.1.0.0/24.
 * Lesson: lessons/01-bytes.md#subnet
 */
import { FieldError } from "@course/errors.ts";
import { ipv4ToNumber, numberToIPv4 } from "./ipv4-address.ts";

export function prefixToMask(prefix: number): Uint8Array {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new FieldError("Prefix length", prefix, "must be 0 to 32");
  // 2^32 - 2^(32-prefix): the top `prefix` bits set. (A shift by 32 is a no-op in JS, so avoid `<<`.)
  return numberToIPv4(2 ** 32 - 2 ** (32 - prefix));
}

export function maskToPrefix(mask: Uint8Array): number {
  const n = ipv4ToNumber(mask);
  const inverted = 2 ** 32 - 1 - n;
  // A valid mask's inverse is 2^k - 1: all ones below, all zeros above.
  if ((inverted & (inverted + 1)) !== 0) {
    throw new FieldError("Subnet mask", n, "the one bits must be contiguous from the left (like 255.255.255.0)");
  }
  return 32 - Math.log2(inverted + 1);
}

export function wildcardToMask(wildcard: Uint8Array): Uint8Array {
  const mask = numberToIPv4(2 ** 32 - 1 - ipv4ToNumber(wildcard));
  maskToPrefix(mask); // an ACL wildcard like 0.0.255.0 is legal in IOS but is no subnet
  return mask;
}

export function networkAddress(address: Uint8Array, mask: Uint8Array): Uint8Array {
  maskToPrefix(mask);
  return numberToIPv4((ipv4ToNumber(address) & ipv4ToNumber(mask)) >>> 0);
}

export function inSubnet(address: Uint8Array, network: Uint8Array, mask: Uint8Array): boolean {
  const m = ipv4ToNumber(mask);
  maskToPrefix(mask);
  return ((ipv4ToNumber(address) & m) >>> 0) === ((ipv4ToNumber(network) & m) >>> 0);
}

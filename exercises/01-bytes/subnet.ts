/**
 * Exercise 01-bytes/subnet: masks, prefixes and wildcards
 *
 * A crypto map's access-list says which traffic IPsec protects:
 *   access-list 101 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255
 * In quick mode the same two subnets travel as ID_IPV4_ADDR_SUBNET identities:
 * 4 address bytes followed by 4 mask bytes (RFC 2407 section 4.6.2.5), so
 * 10.1.0.0 0.0.0.255 goes out as 0a 01 00 00 ff ff ff 00. Cisco writes the
 * mask inverted (a wildcard); IKE wants the real mask. Write the arithmetic.
 *
 * Addresses, masks and wildcards are 4-byte Uint8Arrays, as from
 * `parseIPv4`. Results are new 4-byte Uint8Arrays. Errors are classes from
 * "@course/errors.ts":
 *
 * - `prefixToMask(prefix)`: 24 → ff ff ff 00, 0 → 00 00 00 00,
 *   32 → ff ff ff ff. A prefix that is not a whole number from 0 to 32 throws
 *   `new FieldError("Prefix length", prefix, reason)`.
 * - `maskToPrefix(mask)`: the reverse, ff ff ff 00 → 24. A valid mask is
 *   some one bits followed only by zero bits; anything else (255.0.255.0,
 *   255.255.255.1, 0.255.255.255) throws
 *   `new FieldError("Subnet mask", maskAsNumber, reason)`, where maskAsNumber
 *   is the mask as an unsigned 32-bit number.
 * - `wildcardToMask(wildcard)`: flips every bit, 0.0.0.255 → 255.255.255.0.
 *   IOS accepts odd wildcards such as 0.0.255.0 in an ACL, but they describe
 *   no subnet, so if the result is not a valid mask throw the same
 *   FieldError "Subnet mask" as maskToPrefix.
 * - `networkAddress(address, mask)`: the address with its host bits cleared
 *   (bitwise AND): 10.1.0.77 with 255.255.255.0 → 10.1.0.0.
 * - `inSubnet(address, network, mask)`: true when address and network agree
 *   on every bit the mask covers: 10.1.0.77 is in 10.1.0.0/24, 10.2.0.1 is not.
 *
 * networkAddress and inSubnet also reject an invalid mask with
 * FieldError "Subnet mask". Any argument that is not exactly 4 bytes throws
 * `FieldError("IPv4 address", ...)`, as `ipv4ToNumber` does.
 *
 * Your `ipv4ToNumber` / `numberToIPv4` from `./ipv4-address.ts` turn the
 * arithmetic into plain number arithmetic. Watch the sign: `a & b` in
 * JavaScript is a signed 32-bit result (`(a & b) >>> 0` makes it unsigned
 * again), and `x << 32` is `x`, not 0.
 *
 * RFC 2407 section 4.6.2.5 (ID_IPV4_ADDR_SUBNET); RFC 4632 section 3.1 (prefix notation).
 * Lesson: lessons/01-bytes.md#subnet
 */
import { todo } from "@course/todo.ts";

export function prefixToMask(prefix: number): Uint8Array {
  return todo("prefixToMask");
}

export function maskToPrefix(mask: Uint8Array): number {
  return todo("maskToPrefix");
}

export function wildcardToMask(wildcard: Uint8Array): Uint8Array {
  return todo("wildcardToMask");
}

export function networkAddress(address: Uint8Array, mask: Uint8Array): Uint8Array {
  return todo("networkAddress");
}

export function inSubnet(address: Uint8Array, network: Uint8Array, mask: Uint8Array): boolean {
  return todo("inSubnet");
}

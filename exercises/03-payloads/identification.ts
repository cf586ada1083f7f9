/**
 * Exercise 03-payloads/identification: the Identification payload
 *
 * RFC 2408 section 3.8, RFC 2407 section 4.6.2. The body after the generic
 * header:
 *   byte 0     ID type (IdType in "@course/isakmp-attributes.ts")
 *   byte 1     Protocol ID (an IP protocol: 17 = UDP; 0 = any)
 *   bytes 2-3  Port (500; 0 = any)
 *   bytes 4-   Identification data:
 *              ID_IPV4_ADDR (1): 4 address bytes
 *              ID_FQDN (2): the host name's ASCII bytes, nothing else
 *              ID_IPV4_ADDR_SUBNET (4): 4 address bytes, 4 mask bytes
 *
 * - `encodeIdentification(id)` and `decodeIdentification(body, base = 0)`.
 * - Use parseIPv4/formatIPv4 ("../01-bytes/ipv4-address.ts") and check the
 *   mask with maskToPrefix ("../01-bytes/subnet.ts": FieldError "Subnet mask").
 * - Wrong data size: FieldError "ID_IPV4_ADDR" (not 4 bytes) or
 *   "ID_IPV4_SUBNET" (not 8). Another ID type: FieldError "ID type".
 * - A host name must be letters, digits and hyphens in dot-separated labels,
 *   1-253 characters: else TextFormatError "ID_FQDN" (also when decoding,
 *   including bytes that are not text).
 *
 * Lesson: lessons/03-payloads.md#identification
 */
import { todo } from "@course/todo.ts";

export type Identity =
  /** ID_IPV4_ADDR: one address, e.g. a router's own 192.168.12.1 in phase 1. */
  | { type: "ipv4"; address: string }
  /** ID_IPV4_ADDR_SUBNET: address and mask, the crypto ACL's networks in quick mode. */
  | { type: "ipv4-subnet"; address: string; mask: string }
  /** ID_FQDN: a host name such as "r1.example.net". */
  | { type: "fqdn"; name: string };

export interface Identification {
  /** IP protocol the identity is bound to: 0 for any, 17 (UDP) in phase 1. */
  protocolId: number;
  /** 0 for any ("Unused" in Wireshark), 500 for IKE. */
  port: number;
  identity: Identity;
}

export function encodeIdentification(id: Identification): Uint8Array {
  return todo("encodeIdentification");
}

export function decodeIdentification(body: Uint8Array, base = 0): Identification {
  return todo("decodeIdentification");
}


/**
 * Exercise 03-payloads/identification: the Identification payload
 * (reference solution).
 *
 * RFC 2408 section 3.8 and RFC 2407 section 4.6.2: an ID type, then (in the
 * IPsec DOI) the IP protocol and port the identity is bound to, then the
 * identification data, whose layout the ID type decides.
 * Lesson: lessons/03-payloads.md#identification
 */
import { FieldError, TextFormatError } from "@course/errors.ts";
import { IdType } from "@course/isakmp-attributes.ts";
import { formatIPv4, parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { maskToPrefix } from "../01-bytes/subnet.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

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

// RFC 1035 section 2.3.1 host name characters: letters, digits, hyphen, dot.
const FQDN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

function checkFqdn(name: string): void {
  if (name.length === 0 || name.length > 253 || !FQDN.test(name)) {
    throw new TextFormatError("ID_FQDN", name, "a host name is labels of letters, digits and hyphens separated by dots");
  }
}

function data(identity: Identity): { type: number; bytes: Uint8Array } {
  switch (identity.type) {
    case "ipv4":
      return { type: IdType.IPV4_ADDR, bytes: parseIPv4(identity.address) };
    case "ipv4-subnet": {
      const mask = parseIPv4(identity.mask);
      maskToPrefix(mask); // refuses a mask that is not ones then zeros
      return { type: IdType.IPV4_ADDR_SUBNET, bytes: new ByteWriter().bytes(parseIPv4(identity.address)).bytes(mask).finish() };
    }
    case "fqdn":
      checkFqdn(identity.name);
      // No trailing dot, no NUL: RFC 2407 section 4.6.2.3.
      return { type: IdType.FQDN, bytes: new TextEncoder().encode(identity.name) };
  }
}

export function encodeIdentification(id: Identification): Uint8Array {
  const d = data(id.identity);
  return new ByteWriter().u8(d.type, "ID type").u8(id.protocolId, "Protocol ID").u16(id.port, "Port").bytes(d.bytes).finish();
}

function exactly(r: ByteReader, n: number, field: string): Uint8Array {
  if (r.remaining !== n) throw new FieldError(field, r.remaining, `this ID type carries exactly ${n} bytes of data`);
  return r.bytes(n, field);
}

export function decodeIdentification(body: Uint8Array, base = 0): Identification {
  const r = new ByteReader(body, base);
  const type = r.u8("ID type");
  const protocolId = r.u8("Protocol ID");
  const port = r.u16("Port");
  let identity: Identity;
  switch (type) {
    case IdType.IPV4_ADDR:
      identity = { type: "ipv4", address: formatIPv4(exactly(r, 4, "ID_IPV4_ADDR")) };
      break;
    case IdType.IPV4_ADDR_SUBNET: {
      const d = exactly(r, 8, "ID_IPV4_SUBNET");
      const mask = d.subarray(4, 8);
      maskToPrefix(mask);
      identity = { type: "ipv4-subnet", address: formatIPv4(d.subarray(0, 4)), mask: formatIPv4(mask) };
      break;
    }
    case IdType.FQDN: {
      const bytes = r.rest();
      // fatal: bytes that are not UTF-8 must not quietly become U+FFFD.
      let name: string;
      try {
        name = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        throw new FieldError("ID_FQDN", bytes.length, "the host name is not text");
      }
      checkFqdn(name);
      identity = { type: "fqdn", name };
      break;
    }
    default:
      throw new FieldError("ID type", type, "supported: ID_IPV4_ADDR (1), ID_FQDN (2), ID_IPV4_ADDR_SUBNET (4)");
  }
  return { protocolId, port, identity };
}

/**
 * Exercise 03-payloads/vendor-id: vendor IDs and NAT discovery (reference
 * solution).
 *
 * A Vendor ID payload (RFC 2408 section 3.16) is just bytes, but peers use
 * well-known ones to announce features: NAT traversal (RFC 3947 section
 * 3.1), dead peer detection (RFC 3706), XAUTH, Cisco Unity. Most are an MD5
 * hash of a text, so anyone can recompute them. A NAT-D payload (RFC 3947
 * section 3.2) is a hash of the cookies, an address and a port: if the
 * receiver computes something else, a NAT changed the address on the way.
 * Lesson: lessons/03-payloads.md#vendor-id
 */
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { equalBytes } from "@course/bytes.ts";
import { FieldError } from "@course/errors.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import { UNKNOWN_VENDOR_ID, WELL_KNOWN_VENDOR_IDS, type VendorIdRecipe } from "@course/isakmp-vendor-ids.ts";
import { fromHex } from "../01-bytes/hex.ts";
import { parseIPv4 } from "../01-bytes/ipv4-address.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

/** The bytes of a well-known vendor ID, made from its recipe. */
export function vendorIdBytes(recipe: VendorIdRecipe): Uint8Array {
  if ("hex" in recipe) return fromHex(recipe.hex);
  const digest = md5(new TextEncoder().encode(recipe.md5Of));
  if (!("truncateTo" in recipe)) return digest;
  // Cisco Unity keeps 14 hash bytes and puts its version in the last two,
  // the layout RFC 3706 uses for DPD.
  return new ByteWriter().bytes(digest.subarray(0, recipe.truncateTo)).u8(recipe.version[0], "Major version").u8(recipe.version[1], "Minor version").finish();
}

/** Wireshark's name for a vendor ID, or "Unknown Vendor ID". */
export function vendorIdName(vid: Uint8Array): string {
  return WELL_KNOWN_VENDOR_IDS.find((r) => equalBytes(vendorIdBytes(r), vid))?.name ?? UNKNOWN_VENDOR_ID;
}

export interface NatDiscoveryInput {
  /** The hash negotiated in phase 1 (md5 and sha1 in this chapter; chapter 07 also uses the SHA-2 ones). */
  hash: HashName;
  initiatorCookie: Uint8Array;
  responderCookie: Uint8Array;
  address: string;
  port: number;
}

/** RFC 3947 section 3.2: HASH(CKY-I | CKY-R | IP | Port), the plain hash, no key. */
export function natDiscoveryHash(input: NatDiscoveryInput): Uint8Array {
  for (const [field, c] of [["Initiator SPI", input.initiatorCookie], ["Responder SPI", input.responderCookie]] as const) {
    if (c.length !== 8) throw new FieldError(field, c.length, "a cookie is exactly 8 bytes");
  }
  const data = new ByteWriter().bytes(input.initiatorCookie).bytes(input.responderCookie).bytes(parseIPv4(input.address)).u16(input.port, "Port").finish();
  return { md5, sha1, sha256, sha384, sha512 }[input.hash](data);
}

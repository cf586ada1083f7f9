/**
 * Exercise 03-payloads/vendor-id: vendor IDs and NAT discovery
 *
 * - `vendorIdBytes(recipe)`: the bytes of a well-known vendor ID, from a
 *   recipe of WELL_KNOWN_VENDOR_IDS ("@course/isakmp-vendor-ids.ts"):
 *   { hex } → those bytes; { md5Of } → MD5 of the text's bytes (md5 from
 *   "@noble/hashes/legacy.js"); { md5Of, truncateTo, version } → the first
 *   14 bytes of the MD5, then version[0] and version[1] (Cisco Unity 1.0).
 * - `vendorIdName(vid)`: the name of the recipe whose bytes equal `vid`
 *   exactly, or UNKNOWN_VENDOR_ID.
 * - `natDiscoveryHash(input)`: RFC 3947 section 3.2, HASH(CKY-I | CKY-R | IP |
 *   Port): the plain negotiated hash (md5 or sha1 from
 *   "@noble/hashes/legacy.js"; chapter 07 also asks for sha256, sha384 and
 *   sha512 from "@noble/hashes/sha2.js") of the two 8-byte cookies, the 4
 *   address bytes and the 2-byte port. A cookie that is not 8 bytes:
 *   FieldError "Initiator SPI" or "Responder SPI".
 *
 * Lesson: lessons/03-payloads.md#vendor-id
 */
import { todo } from "@course/todo.ts";
import type { HashName } from "@course/ike-algorithms.ts";
import type { VendorIdRecipe } from "@course/isakmp-vendor-ids.ts";

/** The bytes of a well-known vendor ID, made from its recipe. */
export function vendorIdBytes(recipe: VendorIdRecipe): Uint8Array {
  return todo("vendorIdBytes");
}

/** Wireshark's name for a vendor ID, or "Unknown Vendor ID". */
export function vendorIdName(vid: Uint8Array): string {
  return todo("vendorIdName");
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
  return todo("natDiscoveryHash");
}


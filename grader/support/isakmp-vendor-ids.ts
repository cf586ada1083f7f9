/**
 * Well-known IKEv1 vendor IDs: the name Wireshark 4.0 prints for each, and
 * how its 16 (or 8) bytes are made. Checked against
 * /work/shared/reference/vendor-ids.json, which recomputed every hash from
 * its preimage.
 *
 * Where a document gives the text that was hashed, only that text is listed
 * here: computing MD5 of it is yours to do (exercise 03-payloads/vendor-id).
 * Where nobody published a preimage (DPD's hashed part, XAUTH), the bytes
 * themselves are given.
 */
export type VendorIdRecipe =
  /** The vendor ID is MD5(preimage), all 16 bytes (RFC 3947 section 3.1 and the NAT-T drafts). */
  | { readonly name: string; readonly md5Of: string }
  /** The first 14 bytes of MD5(preimage), then a major and a minor version byte (Cisco Unity). */
  | { readonly name: string; readonly md5Of: string; readonly truncateTo: 14; readonly version: readonly [number, number] }
  /** Fixed bytes, hex (DPD: RFC 3706 section 5.1; XAUTH: draft-beaulieu-ike-xauth-02 section 4). */
  | { readonly name: string; readonly hex: string };

export const WELL_KNOWN_VENDOR_IDS: readonly VendorIdRecipe[] = [
  { name: "RFC 3947 Negotiation of NAT-Traversal in the IKE", md5Of: "RFC 3947" },
  // Drafts -00 and -01 share one value: -01 kept the MD5 of the -00 name.
  { name: "draft-ietf-ipsec-nat-t-ike-00", md5Of: "draft-ietf-ipsec-nat-t-ike-00" },
  // The -02 draft printed the MD5 of its name *with a newline*; Wireshark names it with a visible \n.
  { name: "draft-ietf-ipsec-nat-t-ike-02\\n", md5Of: "draft-ietf-ipsec-nat-t-ike-02\n" },
  { name: "draft-ietf-ipsec-nat-t-ike-02", md5Of: "draft-ietf-ipsec-nat-t-ike-02" },
  { name: "draft-ietf-ipsec-nat-t-ike-03", md5Of: "draft-ietf-ipsec-nat-t-ike-03" },
  { name: "draft-ietf-ipsec-nat-t-ike-04", md5Of: "draft-ietf-ipsec-nat-t-ike-04" },
  { name: "draft-ietf-ipsec-nat-t-ike-05", md5Of: "draft-ietf-ipsec-nat-t-ike-05" },
  { name: "draft-ietf-ipsec-nat-t-ike-06", md5Of: "draft-ietf-ipsec-nat-t-ike-06" },
  { name: "draft-ietf-ipsec-nat-t-ike-07", md5Of: "draft-ietf-ipsec-nat-t-ike-07" },
  { name: "draft-ietf-ipsec-nat-t-ike-08", md5Of: "draft-ietf-ipsec-nat-t-ike-08" },
  { name: "RFC 3706 DPD (Dead Peer Detection)", hex: "afcad71368a1f1c96b8696fc77570100" },
  { name: "XAUTH", hex: "09002689dfd6b712" },
  { name: "CISCO-UNITY 1.0", md5Of: "CISCO-UNITY", truncateTo: 14, version: [1, 0] },
];

/** What Wireshark prints for a vendor ID it does not know. */
export const UNKNOWN_VENDOR_ID = "Unknown Vendor ID";

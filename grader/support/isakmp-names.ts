/**
 * ISAKMP numbers and the names Wireshark prints for them.
 *
 * Values: RFC 2408 section 3.1 (payload and exchange types), RFC 2409
 * Appendix A (Quick Mode 32, New Group Mode 33), RFC 3947 section 3.2 and 9
 * (NAT-D 20, NAT-OA 21) and draft-dukes-ike-mode-cfg (Transaction 6).
 * Names: exactly as Wireshark 4.0's ISAKMP dissector shows them in its packet
 * tree, so what the course prints can be put beside a capture.
 *
 * This table is given to you, not an exercise: knowing that 2 means main mode
 * is a lookup, writing the code that reads it is the skill.
 */
export const ExchangeType = {
  BASE: 1,
  IDENTITY_PROTECTION: 2,
  AUTHENTICATION_ONLY: 3,
  AGGRESSIVE: 4,
  INFORMATIONAL: 5,
  TRANSACTION: 6,
  QUICK_MODE: 32,
  NEW_GROUP_MODE: 33,
} as const;

export const EXCHANGE_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "NONE"],
  [1, "Base"],
  [2, "Identity Protection (Main Mode)"],
  [3, "Authentication Only"],
  [4, "Aggressive"],
  [5, "Informational"],
  [6, "Transaction (Config Mode)"],
  [32, "Quick Mode"],
  [33, "New Group Mode"],
]);

export const PayloadType = {
  NONE: 0,
  SA: 1,
  PROPOSAL: 2,
  TRANSFORM: 3,
  KEY_EXCHANGE: 4,
  IDENTIFICATION: 5,
  CERTIFICATE: 6,
  CERTIFICATE_REQUEST: 7,
  HASH: 8,
  SIGNATURE: 9,
  NONCE: 10,
  NOTIFICATION: 11,
  DELETE: 12,
  VENDOR_ID: 13,
  NAT_D: 20,
  NAT_OA: 21,
} as const;

export const PAYLOAD_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "NONE / No Next Payload"],
  [1, "Security Association"],
  [2, "Proposal"],
  [3, "Transform"],
  [4, "Key Exchange"],
  [5, "Identification"],
  [6, "Certificate"],
  [7, "Certificate Request"],
  [8, "Hash"],
  [9, "Signature"],
  [10, "Nonce"],
  [11, "Notification"],
  [12, "Delete"],
  [13, "Vendor ID"],
  [14, "Attributes"],
  [20, "NAT-D (RFC 3947)"],
  [21, "NAT-OA (RFC 3947)"],
  [130, "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)"],
  [131, "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)"],
]);

/** Header flag bits, RFC 2408 section 3.1: E is bit 0 (the least significant). */
export const HeaderFlag = { ENCRYPTION: 0x01, COMMIT: 0x02, AUTHENTICATION_ONLY: 0x04 } as const;

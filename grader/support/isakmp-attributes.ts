/**
 * The numbers inside ISAKMP payloads, with the names Wireshark 4.0 prints.
 *
 * Values: RFC 2407 (the IPsec DOI: situation, protocol and transform IDs,
 * phase 2 attributes, ID types, notify codes), RFC 2408 (protocol ISAKMP,
 * notify error codes), RFC 2409 Appendix A (phase 1 attributes), RFC 3602
 * (ESP_AES), RFC 3706 (DPD notifies), RFC 3947 (UDP-encapsulated modes).
 * Every value was checked against /work/shared/reference/isakmp-registry.json;
 * the names against `tshark -G values` (isakmp.ike.attr.*, isakmp.ipsec.attr.*,
 * isakmp.prop.protoid, isakmp.sa.doi) and, where tshark computes a name
 * instead of listing it (attribute types, transform IDs, ID types, notify
 * types), against tshark's packet tree for packets that carry them.
 *
 * Given to you, not an exercise: looking a number up is not the skill.
 */

/** Domain of interpretation (RFC 2407 section 4.2). Wireshark: isakmp.sa.doi. */
export const Doi = { ISAKMP: 0, IPSEC: 1 } as const;
export const DOI_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "ISAKMP"],
  [1, "IPSEC"],
]);

/** Situation bits of the IPsec DOI (RFC 2407 section 4.2). Only identity-only is used outside labelled networks. */
export const Situation = { IDENTITY_ONLY: 1, SECRECY: 2, INTEGRITY: 4 } as const;

/** Protocol ID of a proposal, notification or delete (RFC 2407 section 4.4.1). Wireshark: isakmp.prop.protoid. */
export const ProtocolId = { ISAKMP: 1, IPSEC_AH: 2, IPSEC_ESP: 3, IPCOMP: 4 } as const;
export const PROTOCOL_ID_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "RESERVED"],
  [1, "ISAKMP"],
  [2, "IPSEC_AH"],
  [3, "IPSEC_ESP"],
  [4, "IPCOMP"],
]);

/** The SPI size each protocol uses in quick mode and delete payloads (RFC 2407 sections 4.6.3, 4.6.3.3; RFC 2408 section 3.15). */
export const SPI_SIZE: ReadonlyMap<number, number> = new Map([
  [ProtocolId.IPSEC_AH, 4],
  [ProtocolId.IPSEC_ESP, 4],
  [ProtocolId.IPCOMP, 2],
]);

/** Transform IDs (RFC 2407 section 4.4.2-4.4.4, RFC 3602 for ESP_AES). */
export const TransformId = {
  KEY_IKE: 1,
  AH_MD5: 2,
  AH_SHA: 3,
  ESP_DES: 2,
  ESP_3DES: 3,
  ESP_NULL: 11,
  ESP_AES: 12,
} as const;

/** Transform ID names per protocol ID, as Wireshark prints them (isakmp.trans.id). */
export const TRANSFORM_ID_NAMES: ReadonlyMap<number, ReadonlyMap<number, string>> = new Map([
  [ProtocolId.ISAKMP, new Map([[1, "KEY_IKE"]])],
  [
    ProtocolId.IPSEC_AH,
    new Map([
      [2, "MD5"],
      [3, "SHA"],
      [4, "DES"],
    ]),
  ],
  [
    ProtocolId.IPSEC_ESP,
    new Map([
      [1, "DES-IV64"],
      [2, "DES"],
      [3, "3DES"],
      [4, "RC5"],
      [5, "IDEA"],
      [6, "CAST"],
      [7, "BLOWFISH"],
      [8, "3IDEA"],
      [9, "DES-IV32"],
      [10, "RC4"],
      [11, "NULL"],
      [12, "AES"],
    ]),
  ],
]);

/** Phase 1 (IKE) attribute classes, RFC 2409 Appendix A. */
export const IkeAttr = {
  ENCRYPTION_ALGORITHM: 1,
  HASH_ALGORITHM: 2,
  AUTHENTICATION_METHOD: 3,
  GROUP_DESCRIPTION: 4,
  GROUP_TYPE: 5,
  LIFE_TYPE: 11,
  LIFE_DURATION: 12,
  KEY_LENGTH: 14,
} as const;

/** Phase 2 (IPsec DOI) attribute classes, RFC 2407 section 4.5. */
export const IpsecAttr = {
  SA_LIFE_TYPE: 1,
  SA_LIFE_DURATION: 2,
  GROUP_DESCRIPTION: 3,
  ENCAPSULATION_MODE: 4,
  AUTHENTICATION_ALGORITHM: 5,
  KEY_LENGTH: 6,
} as const;

/** Phase 1 attribute values (RFC 2409 Appendix A). */
export const Encryption = { DES_CBC: 1, TRIPLE_DES_CBC: 5, AES_CBC: 7 } as const;
export const Hash = { MD5: 1, SHA: 2, SHA2_256: 4, SHA2_384: 5, SHA2_512: 6 } as const;
export const AuthMethod = { PRE_SHARED_KEY: 1, DSS_SIGNATURES: 2, RSA_SIGNATURES: 3 } as const;
export const LifeType = { SECONDS: 1, KILOBYTES: 2 } as const;

/** Encapsulation modes: RFC 2407 section 4.5 (1, 2), RFC 3947 section 5.1 (3, 4), the NAT-T drafts (61443, 61444). */
export const EncapsulationMode = {
  TUNNEL: 1,
  TRANSPORT: 2,
  UDP_ENCAPSULATED_TUNNEL: 3,
  UDP_ENCAPSULATED_TRANSPORT: 4,
  UDP_ENCAPSULATED_TUNNEL_DRAFT: 61443,
  UDP_ENCAPSULATED_TRANSPORT_DRAFT: 61444,
} as const;

/** Authentication algorithm of an AH or ESP transform (RFC 2407 section 4.5; 5-7 from RFC 4868). */
export const AuthAlgorithm = { HMAC_MD5: 1, HMAC_SHA: 2, HMAC_SHA2_256: 5 } as const;

/** How one attribute class is named and how its values read, in Wireshark's words. */
export interface AttributeClass {
  /** e.g. "Encryption-Algorithm" (the tree line) */
  readonly name: string;
  /** Names of the values, when the class is an enumeration. */
  readonly values?: ReadonlyMap<number, string>;
}

const GROUP_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Default 768-bit MODP group"],
  [2, "Alternate 1024-bit MODP group"],
  [5, "1536 bit MODP group"],
  [14, "2048 bit MODP group"],
  [15, "3072 bit MODP group"],
  [16, "4096 bit MODP group"],
]);
const LIFE_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "Seconds"],
  [2, "Kilobytes"],
]);

/** Phase 1 classes (isakmp.ike.attr.*). */
export const IKE_ATTRIBUTE_CLASSES: ReadonlyMap<number, AttributeClass> = new Map<number, AttributeClass>([
  [1, { name: "Encryption-Algorithm", values: new Map([[1, "DES-CBC"], [2, "IDEA-CBC"], [3, "BLOWFISH-CBC"], [4, "RC5-R16-B64-CBC"], [5, "3DES-CBC"], [6, "CAST-CBC"], [7, "AES-CBC"]]) }],
  [2, { name: "Hash-Algorithm", values: new Map([[1, "MD5"], [2, "SHA"], [3, "TIGER"], [4, "SHA2-256"], [5, "SHA2-384"], [6, "SHA2-512"]]) }],
  [3, { name: "Authentication-Method", values: new Map([[1, "Pre-shared key"], [2, "DSS signatures"], [3, "RSA signatures"], [4, "Encryption with RSA"], [5, "Revised encryption with RSA"]]) }],
  [4, { name: "Group-Description", values: GROUP_NAMES }],
  [5, { name: "Group-Type", values: new Map([[1, "MODP"], [2, "ECP"], [3, "EC2N"]]) }],
  [11, { name: "Life-Type", values: LIFE_TYPE_NAMES }],
  [12, { name: "Life-Duration" }],
  [14, { name: "Key-Length" }],
]);

/** Phase 2 classes (isakmp.ipsec.attr.*). */
export const IPSEC_ATTRIBUTE_CLASSES: ReadonlyMap<number, AttributeClass> = new Map<number, AttributeClass>([
  [1, { name: "SA-Life-Type", values: LIFE_TYPE_NAMES }],
  [2, { name: "SA-Life-Duration" }],
  [3, { name: "Group-Description", values: GROUP_NAMES }],
  [
    4,
    {
      name: "Encapsulation-Mode",
      values: new Map([[1, "Tunnel"], [2, "Transport"], [3, "UDP-Encapsulated-Tunnel"], [4, "UDP-Encapsulated-Transport"], [61443, "UDP-Encapsulated-Tunnel (draft)"], [61444, "UDP-Encapsulated-Transport (draft)"]]),
    },
  ],
  [5, { name: "Authentication-Algorithm", values: new Map([[1, "HMAC-MD5"], [2, "HMAC-SHA"], [3, "DES-MAC"], [4, "KPDK"], [5, "HMAC-SHA2-256"], [6, "HMAC-SHA2-384"], [7, "HMAC-SHA2-512"]]) }],
  [6, { name: "Key-Length" }],
]);

/** Identification types (RFC 2407 section 4.6.2.1). */
export const IdType = { IPV4_ADDR: 1, FQDN: 2, USER_FQDN: 3, IPV4_ADDR_SUBNET: 4 } as const;
export const ID_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "IPV4_ADDR"],
  [2, "FQDN"],
  [3, "USER_FQDN"],
  [4, "IPV4_ADDR_SUBNET"],
  [5, "IPV6_ADDR"],
  [6, "IPV6_ADDR_SUBNET"],
  [7, "IPV4_ADDR_RANGE"],
  [8, "IPV6_ADDR_RANGE"],
  [9, "DER_ASN1_DN"],
  [10, "DER_ASN1_GN"],
  [11, "KEY_ID"],
]);

/** IP protocol numbers an Identification payload names (isakmp.id.protoid). */
export const IP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "ICMP"],
  [6, "TCP"],
  [17, "UDP"],
  [47, "GRE"],
  [50, "ESP"],
  [51, "AH"],
]);

/**
 * Notify message types: errors 1-30 (RFC 2408 section 3.14.1), status
 * CONNECTED (RFC 2408), the IPsec DOI's (RFC 2407 section 4.6.3) and DPD's
 * (RFC 3706 section 5.2).
 */
export const NotifyType = {
  INVALID_PAYLOAD_TYPE: 1,
  DOI_NOT_SUPPORTED: 2,
  SITUATION_NOT_SUPPORTED: 3,
  INVALID_COOKIE: 4,
  INVALID_FLAGS: 8,
  INVALID_MESSAGE_ID: 9,
  INVALID_PROTOCOL_ID: 10,
  INVALID_SPI: 11,
  INVALID_TRANSFORM_ID: 12,
  ATTRIBUTES_NOT_SUPPORTED: 13,
  NO_PROPOSAL_CHOSEN: 14,
  BAD_PROPOSAL_SYNTAX: 15,
  PAYLOAD_MALFORMED: 16,
  INVALID_KEY_INFORMATION: 17,
  INVALID_ID_INFORMATION: 18,
  INVALID_HASH_INFORMATION: 23,
  AUTHENTICATION_FAILED: 24,
  CONNECTED: 16384,
  RESPONDER_LIFETIME: 24576,
  REPLAY_STATUS: 24577,
  INITIAL_CONTACT: 24578,
  R_U_THERE: 36136,
  R_U_THERE_ACK: 36137,
} as const;

export const NOTIFY_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "INVALID-PAYLOAD-TYPE"],
  [2, "DOI-NOT-SUPPORTED"],
  [3, "SITUATION-NOT-SUPPORTED"],
  [4, "INVALID-COOKIE"],
  [5, "INVALID-MAJOR-VERSION"],
  [6, "INVALID-MINOR-VERSION"],
  [7, "INVALID-EXCHANGE-TYPE"],
  [8, "INVALID-FLAGS"],
  [9, "INVALID-MESSAGE-ID"],
  [10, "INVALID-PROTOCOL-ID"],
  [11, "INVALID-SPI"],
  [12, "INVALID-TRANSFORM-ID"],
  [13, "ATTRIBUTES-NOT-SUPPORTED"],
  [14, "NO-PROPOSAL-CHOSEN"],
  [15, "BAD-PROPOSAL-SYNTAX"],
  [16, "PAYLOAD-MALFORMED"],
  [17, "INVALID-KEY-INFORMATION"],
  [18, "INVALID-ID-INFORMATION"],
  [19, "INVALID-CERT-ENCODING"],
  [20, "INVALID-CERTIFICATE"],
  [21, "CERT-TYPE-UNSUPPORTED"],
  [22, "INVALID-CERT-AUTHORITY"],
  [23, "INVALID-HASH-INFORMATION"],
  [24, "AUTHENTICATION-FAILED"],
  [25, "INVALID-SIGNATURE"],
  [26, "ADDRESS-NOTIFICATION"],
  [27, "NOTIFY-SA-LIFETIME"],
  [28, "CERTIFICATE-UNAVAILABLE"],
  [29, "UNSUPPORTED-EXCHANGE-TYPE"],
  [30, "UNEQUAL-PAYLOAD-LENGTHS"],
  [16384, "CONNECTED"],
  [24576, "RESPONDER-LIFETIME"],
  [24577, "REPLAY-STATUS"],
  [24578, "INITIAL-CONTACT"],
  [36136, "R-U-THERE"],
  [36137, "R-U-THERE-ACK"],
]);

/**
 * What a negotiated quick mode transform means for the SA it makes: the
 * transform ID and the Authentication-Algorithm / Key-Length attributes of
 * an AH or ESP proposal (RFC 2407 sections 4.4.3, 4.4.4 and 4.5, RFC 3602
 * section 5.3 for ESP_AES, RFC 4868 section 2.4 for HMAC-SHA2-256) turned
 * into the algorithm names chapters 12-15 use, whose key sizes say how much
 * KEYMAT each SA needs.
 *
 * Given to you, not an exercise: looking a number up is not the skill.
 */
import { FieldError } from "./errors.ts";
import { AuthAlgorithm, ProtocolId, TransformId } from "./isakmp-attributes.ts";
import { ENCRYPTION, INTEGRITY, type EncryptionName, type IntegrityName } from "./ipsec-algorithms.ts";

/** The negotiated values, as an AH or ESP transform carries them. */
export interface IpsecTransformChoice {
  /** ESP_AES (12), AH_SHA (3), ... */
  readonly transformId: number;
  /** Authentication-Algorithm attribute (RFC 2407 section 4.5): 1 HMAC-MD5, 2 HMAC-SHA, 5 HMAC-SHA2-256. */
  readonly authAlgorithm?: number;
  /** Key-Length attribute in bits (AES). */
  readonly keyLength?: number;
}

export interface SaAlgorithms {
  /** Absent for AH. */
  readonly encryption?: EncryptionName;
  /** "none" for ESP without an Authentication-Algorithm attribute. */
  readonly integrity: IntegrityName | "none";
  /** Octets of KEYMAT the SA takes for one direction: the cipher key, then the integrity key. */
  readonly keymatBytes: number;
}

const HMAC: ReadonlyMap<number, IntegrityName> = new Map([
  [AuthAlgorithm.HMAC_MD5, "hmac-md5-96"],
  [AuthAlgorithm.HMAC_SHA, "hmac-sha1-96"],
  [AuthAlgorithm.HMAC_SHA2_256, "hmac-sha256-128"],
]);

/** RFC 2407 section 4.4.3: AH's transform ID names its HMAC; the attribute, when present, must agree. */
const AH_TRANSFORMS: ReadonlyMap<number, IntegrityName> = new Map([
  [TransformId.AH_MD5, "hmac-md5-96"],
  [TransformId.AH_SHA, "hmac-sha1-96"],
]);

function sizes(encryption: EncryptionName | undefined, integrity: IntegrityName | "none"): number {
  return (encryption ? ENCRYPTION[encryption].keyBytes : 0) + (integrity === "none" ? 0 : INTEGRITY[integrity].keyBytes);
}

export function ipsecAlgorithms(protocolId: number, t: IpsecTransformChoice): SaAlgorithms {
  const integrity = t.authAlgorithm === undefined ? "none" : HMAC.get(t.authAlgorithm);
  if (!integrity) throw new FieldError("Authentication-Algorithm", t.authAlgorithm ?? 0, "this course does HMAC-MD5 (1), HMAC-SHA (2) and HMAC-SHA2-256 (5)");
  if (protocolId === ProtocolId.IPSEC_AH) {
    const ah = AH_TRANSFORMS.get(t.transformId);
    if (!ah) throw new FieldError("Transform ID", t.transformId, "AH transforms here are AH_MD5 (2) and AH_SHA (3)");
    if (integrity !== "none" && integrity !== ah) throw new FieldError("Authentication-Algorithm", t.authAlgorithm ?? 0, `AH transform ${t.transformId} is ${ah}`);
    return { integrity: ah, keymatBytes: sizes(undefined, ah) };
  }
  if (protocolId !== ProtocolId.IPSEC_ESP) throw new FieldError("Protocol ID", protocolId, "an IPsec SA is AH (2) or ESP (3)");
  if (t.transformId !== TransformId.ESP_AES) throw new FieldError("Transform ID", t.transformId, "the ESP cipher here is ESP_AES (12)");
  // RFC 3602 section 5.3: AES has several key sizes, so Key-Length MUST be given.
  const bits = t.keyLength;
  const encryption: EncryptionName | undefined = bits === 128 ? "aes-128-cbc" : bits === 256 ? "aes-256-cbc" : undefined;
  if (!encryption) throw new FieldError("Key-Length", bits ?? 0, "ESP_AES needs a Key-Length of 128 or 256 bits (RFC 3602 section 5.3)");
  return { encryption, integrity, keymatBytes: sizes(encryption, integrity) };
}

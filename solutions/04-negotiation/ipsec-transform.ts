/**
 * Exercise 04-negotiation/ipsec-transform: does one offered AH or ESP
 * transform fit the responder's transform set? (reference solution)
 *
 * RFC 2407 section 4.5: quick mode transforms carry the IPsec DOI's
 * attributes: SA life type and duration, group (for PFS), encapsulation
 * mode, authentication algorithm, key length. As in phase 1, the responder
 * takes a transform as offered or not at all (RFC 2408 section 4.2).
 * Lesson: lessons/04-negotiation.md#ipsec-transform
 */
import { IPSEC_ATTRIBUTE_CLASSES, IpsecAttr, LifeType } from "@course/isakmp-attributes.ts";
import type { Transform } from "../03-payloads/transform.ts";
import { checkAttributes, type Verdict } from "./ike-transform.ts";

/** What one protocol of a transform set accepts, e.g. Cisco's `esp-aes esp-sha-hmac`. */
export interface IpsecSuite {
  /** ESP_AES (12), ESP_3DES (3), AH_SHA (3)... */
  transformId: number;
  /** Authentication-Algorithm: required for AH, optional for ESP (RFC 2407 section 4.5). */
  authAlgorithm?: number;
  /** Key-Length in bits, for AES (RFC 3602 section 5.3). */
  keyLength?: number;
}

/** What the whole transform set requires of every transform. */
export interface SetOptions {
  /** Encapsulation-Mode: tunnel (1) or transport (2). */
  mode: number;
  /** Group-Description for PFS; undefined: no PFS, the attribute must be absent. */
  pfsGroup?: number;
}

/** An IPsec SA lifetime; an absent kind means no limit of that kind. */
export interface Lifetime {
  seconds?: number;
  kilobytes?: number;
}

/** RFC 2407 section 4.5: with no lifetime offered, 28800 seconds (8 hours) is meant. */
export const DEFAULT_IPSEC_LIFETIME: Lifetime = { seconds: 28800 };

/** Accepted: the lifetime the initiator offered (the default if it offered none). */
export function matchIpsecTransform(t: Transform, suite: IpsecSuite, options: SetOptions): Verdict<Lifetime> {
  if (t.id !== suite.transformId) return { ok: false, attribute: "Transform ID", reason: `offered ${t.id}, the transform set wants ${suite.transformId}` };
  const checked = checkAttributes(t.attributes, IPSEC_ATTRIBUTE_CLASSES, { type: IpsecAttr.SA_LIFE_TYPE, duration: IpsecAttr.SA_LIFE_DURATION }, [
    [IpsecAttr.ENCAPSULATION_MODE, options.mode],
    [IpsecAttr.AUTHENTICATION_ALGORITHM, suite.authAlgorithm],
    [IpsecAttr.KEY_LENGTH, suite.keyLength],
    [IpsecAttr.GROUP_DESCRIPTION, options.pfsGroup],
  ]);
  if (!checked.ok) return checked;
  const seconds = checked.value.get(LifeType.SECONDS);
  const kilobytes = checked.value.get(LifeType.KILOBYTES);
  if (seconds === undefined && kilobytes === undefined) return { ok: true, value: { ...DEFAULT_IPSEC_LIFETIME } };
  return { ok: true, value: { ...(seconds !== undefined && { seconds }), ...(kilobytes !== undefined && { kilobytes }) } };
}

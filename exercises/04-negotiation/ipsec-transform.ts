/**
 * Exercise 04-negotiation/ipsec-transform: does one offered AH or ESP
 * transform fit the responder's transform set?
 *
 * `matchIpsecTransform(t, suite, options)`:
 * - `t.id` other than `suite.transformId`: refused, attribute "Transform ID";
 * - then `checkAttributes` (from ike-transform) with IPSEC_ATTRIBUTE_CLASSES,
 *   life classes SA-Life-Type (1) / SA-Life-Duration (2), and wanted, in
 *   this order: Encapsulation-Mode = options.mode, Authentication-Algorithm
 *   = suite.authAlgorithm, Key-Length = suite.keyLength, Group-Description =
 *   options.pfsGroup;
 * - accepted: the offered lifetime `{ seconds?, kilobytes? }` (only the
 *   kinds offered), or DEFAULT_IPSEC_LIFETIME (a copy) when none was.
 *
 * Lesson: lessons/04-negotiation.md#ipsec-transform
 */
import { todo } from "@course/todo.ts";
import type { Transform } from "../03-payloads/transform.ts";
import type { Verdict } from "./ike-transform.ts";

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

export function matchIpsecTransform(t: Transform, suite: IpsecSuite, options: SetOptions): Verdict<Lifetime> {
  return todo("matchIpsecTransform");
}

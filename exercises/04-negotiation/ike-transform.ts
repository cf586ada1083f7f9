/**
 * Exercise 04-negotiation/ike-transform: does one offered phase 1 transform
 * fit one suite of the responder's policy?
 *
 * The responder may take a transform only as offered (RFC 2408 section 4.2):
 * each attribute fits, or the whole transform is out. Nothing here throws:
 * a transform that cannot be understood is simply not acceptable.
 *
 * - `checkAttributes(attributes, classes, life, wanted)`: walk the attributes
 *   in order and return the first refusal, `{ ok: false, attribute, reason }`
 *   where `attribute` is the class's name from `classes` (e.g.
 *   "Group-Description"), or `Attribute type N` for a class not in `classes`:
 *     1. class not in `classes`: refused;
 *     2. value not a number (a TLV of 0 or more than 4 bytes): refused;
 *     3. `life.type`: value must be 1 (seconds) or 2 (kilobytes), not seen
 *        before, and the next attribute must be `life.duration` with a
 *        number: record type -> duration and skip the duration; else refused
 *        naming the life type;
 *     4. `life.duration` not consumed by rule 3: refused;
 *     5. any other class seen twice: refused.
 *   Then for each `[class, want]` of `wanted`, in order: the value found must
 *   be exactly `want` (undefined = must be absent); the first difference is
 *   refused, naming that class. Accepted: `{ ok: true, value: lifetimes }`,
 *   the map life type -> duration.
 * - `matchIkeTransform(t, suite)`: Transform ID other than KEY_IKE (1):
 *   refused, attribute "Transform ID". Then checkAttributes with
 *   IKE_ATTRIBUTE_CLASSES, life classes 11/12 and, in this order:
 *   Encryption-Algorithm, Key-Length, Hash-Algorithm, Authentication-Method,
 *   Group-Description from the suite, and Group-Type (5) wanted absent.
 *   Then the lifetime (Cisco IOS's rule): a kilobyte lifetime is refused
 *   ("Life-Type"); offered seconds above `suite.lifetimeSeconds` are refused
 *   ("Life-Duration"). Accepted: `{ ...suite, lifetimeSeconds }` with the
 *   offered seconds, or the suite's when none were offered.
 *
 * Lesson: lessons/04-negotiation.md#ike-transform
 */
import { todo } from "@course/todo.ts";
import type { AttributeClass } from "@course/isakmp-attributes.ts";
import type { DataAttribute } from "../03-payloads/attributes.ts";
import type { Transform } from "../03-payloads/transform.ts";

/** One acceptable phase 1 combination: a Cisco `crypto isakmp policy`. */
export interface IkeSuite {
  /** Encryption-Algorithm, e.g. AES-CBC (7). */
  encryption: number;
  /** Key-Length in bits; only for ciphers with a variable key (AES). */
  keyLength?: number;
  /** Hash-Algorithm, e.g. SHA (2). */
  hash: number;
  /** Authentication-Method, e.g. pre-shared key (1). */
  authMethod: number;
  /** Group-Description, e.g. 2 (1024-bit MODP). */
  group: number;
  /** The longest IKE SA lifetime this suite accepts, and the one used when none is offered. */
  lifetimeSeconds: number;
}

/** The seed's R2: `crypto isakmp policy 10` with AES-128, SHA, pre-shared key, group 2, 86400 s. */
export const SEED_SUITE: IkeSuite = { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 };

/** Accepted with a value, or refused with the attribute (Wireshark's name) that did not fit. */
export type Verdict<T> = { ok: true; value: T } | { ok: false; attribute: string; reason: string };

/** Which attribute classes are the life type and the life duration (11/12 in phase 1, 1/2 in phase 2). */
export interface LifeClasses {
  type: number;
  duration: number;
}

/** An attribute class and the value the responder wants for it; undefined: it must be absent. */
export type Wanted = readonly [attributeClass: number, want: number | undefined];

export function checkAttributes(
  attributes: readonly DataAttribute[],
  classes: ReadonlyMap<number, AttributeClass>,
  life: LifeClasses,
  wanted: readonly Wanted[],
): Verdict<Map<number, number>> {
  return todo("checkAttributes");
}

export function matchIkeTransform(t: Transform, suite: IkeSuite): Verdict<IkeSuite> {
  return todo("matchIkeTransform");
}

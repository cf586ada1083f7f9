/**
 * Exercise 04-negotiation/ike-transform: does one offered phase 1 transform
 * fit one suite of the responder's policy? (reference solution)
 *
 * RFC 2409 section 5 and Appendix A: a phase 1 transform names the
 * encryption and hash algorithms, the authentication method and the group;
 * the life type and duration are optional. The responder may accept a
 * transform only as offered: it cannot change a value (RFC 2408 section 4.2),
 * so every attribute either fits or the whole transform is out.
 * Lesson: lessons/04-negotiation.md#ike-transform
 */
import { IKE_ATTRIBUTE_CLASSES, IkeAttr, LifeType, TransformId, type AttributeClass } from "@course/isakmp-attributes.ts";
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

function className(classes: ReadonlyMap<number, AttributeClass>, type: number): string {
  return classes.get(type)?.name ?? `Attribute type ${type}`;
}

function valueName(classes: ReadonlyMap<number, AttributeClass>, type: number, value: number): string {
  const name = classes.get(type)?.values?.get(value);
  return name ? `${value} (${name})` : String(value);
}

/** A value as a number: TV, or TLV of 1 to 4 bytes (life durations). Anything else is not a value we can compare. */
function numberOf(a: DataAttribute): number | undefined {
  if (typeof a.value === "number") return a.value;
  if (a.value.length < 1 || a.value.length > 4) return undefined;
  return a.value.reduce((n, b) => n * 256 + b, 0);
}

function refuse(attribute: string, reason: string): { ok: false; attribute: string; reason: string } {
  return { ok: false, attribute, reason };
}

/**
 * Reads a transform's attributes and compares them with what the responder
 * wants. Returns the offered lifetimes (life type -> duration).
 *
 * Refused, in this order, walking the attributes as offered: a class the
 * responder does not know; a value that is not a number; a life type that is
 * not seconds or kilobytes, given twice, or not followed by its duration; a
 * duration with no life type before it; any other class given twice. Then,
 * in the order of `wanted`: a missing, extra or different value.
 */
export function checkAttributes(
  attributes: readonly DataAttribute[],
  classes: ReadonlyMap<number, AttributeClass>,
  life: LifeClasses,
  wanted: readonly Wanted[],
): Verdict<Map<number, number>> {
  const values = new Map<number, number>();
  const lifetimes = new Map<number, number>();
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    const name = className(classes, a.type);
    // RFC 2408 section 4.2 / RFC 2407 section 4.5.3: an attribute the
    // responder does not understand makes the transform unacceptable; it
    // must not be skipped (ATTRIBUTES-NOT-SUPPORTED), and never a crash.
    if (!classes.has(a.type)) return refuse(name, "this responder does not know this attribute class");
    const value = numberOf(a);
    if (value === undefined) return refuse(name, "the value is not a number of 1 to 4 bytes");
    if (a.type === life.type) {
      // RFC 2409 Appendix A and RFC 2407 section 4.5: a duration belongs to
      // the life type just before it; seconds and kilobytes may both be set.
      if (value !== LifeType.SECONDS && value !== LifeType.KILOBYTES) return refuse(name, `life type ${value} is neither seconds (1) nor kilobytes (2)`);
      if (lifetimes.has(value)) return refuse(name, `life type ${value} is given twice`);
      const next = attributes[i + 1];
      const duration = next && next.type === life.duration ? numberOf(next) : undefined;
      if (duration === undefined) return refuse(name, `life type ${value} is not followed by a ${className(classes, life.duration)}`);
      lifetimes.set(value, duration);
      i++;
      continue;
    }
    if (a.type === life.duration) return refuse(name, `a duration needs a ${className(classes, life.type)} just before it`);
    if (values.has(a.type)) return refuse(name, "given twice in one transform");
    values.set(a.type, value);
  }
  for (const [type, want] of wanted) {
    const got = values.get(type);
    if (got === want) continue;
    const name = className(classes, type);
    if (got === undefined) return refuse(name, `missing; the policy wants ${valueName(classes, type, want!)}`);
    if (want === undefined) return refuse(name, `offered ${valueName(classes, type, got)}, but the policy has none`);
    return refuse(name, `offered ${valueName(classes, type, got)}, the policy wants ${valueName(classes, type, want)}`);
  }
  return { ok: true, value: lifetimes };
}

/**
 * The phase 1 check. Accepted: the suite with the lifetime that will be
 * used. Lifetime model (Cisco IOS, "crypto isakmp policy" matching): an
 * offered duration longer than the suite's refuses the transform; a shorter
 * or equal one is used as offered; none offered means the suite's own.
 * Only seconds: Cisco IOS IKE SAs have no volume limit. (strongSwan would
 * accept any duration and adopt it: main_mode.c copies the offer.)
 */
export function matchIkeTransform(t: Transform, suite: IkeSuite): Verdict<IkeSuite> {
  if (t.id !== TransformId.KEY_IKE) return refuse("Transform ID", `phase 1 transforms are KEY_IKE (1), got ${t.id}`);
  // RFC 2409 section 5 requires encryption, hash, authentication method and
  // group in every phase 1 transform; RFC 3602 section 5.3 requires the key
  // length with AES. Group-Type only comes with a private group: refused.
  const checked = checkAttributes(t.attributes, IKE_ATTRIBUTE_CLASSES, { type: IkeAttr.LIFE_TYPE, duration: IkeAttr.LIFE_DURATION }, [
    [IkeAttr.ENCRYPTION_ALGORITHM, suite.encryption],
    [IkeAttr.KEY_LENGTH, suite.keyLength],
    [IkeAttr.HASH_ALGORITHM, suite.hash],
    [IkeAttr.AUTHENTICATION_METHOD, suite.authMethod],
    [IkeAttr.GROUP_DESCRIPTION, suite.group],
    [IkeAttr.GROUP_TYPE, undefined],
  ]);
  if (!checked.ok) return checked;
  if (checked.value.has(LifeType.KILOBYTES)) return refuse("Life-Type", "a kilobyte lifetime: this responder limits IKE SAs by time only");
  const seconds = checked.value.get(LifeType.SECONDS);
  if (seconds !== undefined && seconds > suite.lifetimeSeconds) {
    return refuse("Life-Duration", `offered ${seconds} seconds, longer than the policy's ${suite.lifetimeSeconds}`);
  }
  return { ok: true, value: { ...suite, lifetimeSeconds: seconds ?? suite.lifetimeSeconds } };
}

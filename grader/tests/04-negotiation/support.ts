/**
 * Helpers shared by the chapter 04 tests: transforms written attribute by
 * attribute, and checks that speak of notify codes and refused attributes.
 */
import { expectEqual, expectThrows, show } from "@teach";
import type { DataAttribute } from "@ref/03-payloads/attributes.ts";
import type { Transform } from "@ref/03-payloads/transform.ts";

export const NOTIFY = { INVALID_PROTOCOL_ID: 10, NO_PROPOSAL_CHOSEN: 14, BAD_PROPOSAL_SYNTAX: 15 } as const;
const NOTIFY_NAME: Record<number, string> = { 10: "INVALID-PROTOCOL-ID", 14: "NO-PROPOSAL-CHOSEN", 15: "BAD-PROPOSAL-SYNTAX" };

/** Phase 1 attributes by name, in the seed's order; `life` adds Life-Type seconds + Life-Duration. */
export function ike(o: { enc?: number; keyLength?: number; hash?: number; group?: number; auth?: number; life?: number }): DataAttribute[] {
  const a: DataAttribute[] = [];
  if (o.enc !== undefined) a.push({ type: 1, value: o.enc });
  if (o.keyLength !== undefined) a.push({ type: 14, value: o.keyLength });
  if (o.hash !== undefined) a.push({ type: 2, value: o.hash });
  if (o.group !== undefined) a.push({ type: 4, value: o.group });
  if (o.auth !== undefined) a.push({ type: 3, value: o.auth });
  if (o.life !== undefined) a.push({ type: 11, value: 1 }, { type: 12, value: o.life });
  return a;
}

/** The seed's offer: AES-128, SHA, group 2, PSK, 86400 s. */
export const SEED_IKE = { enc: 7, keyLength: 128, hash: 2, group: 2, auth: 1, life: 86400 };

/** Quick mode attributes: lifetimes first (as Cisco and strongSwan send them), then mode, auth, key length, PFS group. */
export function ipsec(o: { seconds?: number; kilobytes?: number; mode?: number; auth?: number; keyLength?: number; group?: number }): DataAttribute[] {
  const a: DataAttribute[] = [];
  if (o.seconds !== undefined) a.push({ type: 1, value: 1 }, { type: 2, value: o.seconds });
  if (o.kilobytes !== undefined) a.push({ type: 1, value: 2 }, { type: 2, value: o.kilobytes });
  if (o.group !== undefined) a.push({ type: 3, value: o.group });
  if (o.mode !== undefined) a.push({ type: 4, value: o.mode });
  if (o.auth !== undefined) a.push({ type: 5, value: o.auth });
  if (o.keyLength !== undefined) a.push({ type: 6, value: o.keyLength });
  return a;
}

export function transform(number: number, id: number, attributes: DataAttribute[]): Transform {
  return { number, id, attributes };
}

/** A verdict without its free-text reason: what must agree with the reference. */
export function verdictShape(v: unknown): unknown {
  if (typeof v !== "object" || v === null || !("ok" in v)) return v;
  const r = v as { ok: unknown; attribute?: unknown; value?: unknown };
  return r.ok === true ? { ok: true, value: r.value } : { ok: r.ok, attribute: r.attribute };
}

/** What a call did, in a form two implementations can be compared by. */
export function outcome(fn: () => unknown): unknown {
  try {
    return { returned: fn() };
  } catch (err) {
    const e = err as { name?: unknown; notifyType?: unknown; field?: unknown };
    if (e?.name === "TodoError") throw err;
    return { threw: e?.name, notifyType: e?.notifyType, field: e?.field };
  }
}

/** The responder must refuse with a NegotiationError carrying this notify type. */
export function expectRefusal(fn: () => unknown, notifyType: number, what: string, why: string): void {
  expectThrows(fn, { what, error: "NegotiationError", why });
  const got = outcome(fn) as { notifyType?: unknown };
  expectEqual(got.notifyType, notifyType, {
    what: `${what}: the NegotiationError's notifyType`,
    why: `the responder answers with a Notification ${NOTIFY_NAME[notifyType]} (${notifyType}); ${why} (got ${show(got.notifyType)})`,
  });
}

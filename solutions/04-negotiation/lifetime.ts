/**
 * Exercise 04-negotiation/lifetime: the quick mode lifetime a responder
 * keeps, and the RESPONDER-LIFETIME notification (reference solution).
 *
 * RFC 2407 section 4.5.4: when the initiator offers a longer lifetime than
 * the responder wants, the responder may refuse, silently use a shorter one,
 * or use a shorter one and tell the initiator with RESPONDER-LIFETIME
 * (24576, section 4.6.3.1). This responder does the last, as Cisco IOS does
 * in quick mode: the lifetime is min(offered, own) for each kind.
 * Lesson: lessons/04-negotiation.md#lifetime
 */
import { Doi, IpsecAttr, LifeType, NotifyType } from "@course/isakmp-attributes.ts";
import { encodeAttributes, type DataAttribute } from "../03-payloads/attributes.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { Lifetime } from "./ipsec-transform.ts";

const KINDS = [
  ["seconds", LifeType.SECONDS],
  ["kilobytes", LifeType.KILOBYTES],
] as const;

/**
 * For seconds and for kilobytes: the responder's own limit when it is
 * shorter or the initiator set none; else the offered one. `shortened` says
 * the result differs from the offer, so the initiator must be told.
 */
export function responderLifetime(offered: Lifetime, own: Lifetime): { lifetime: Lifetime; shortened: boolean } {
  const lifetime: Lifetime = {};
  let shortened = false;
  for (const [kind] of KINDS) {
    const o = offered[kind];
    const m = own[kind];
    const keep = o === undefined ? m : m === undefined ? o : Math.min(o, m);
    if (keep === undefined) continue;
    lifetime[kind] = keep;
    if (keep !== o) shortened = true;
  }
  return { lifetime, shortened };
}

/**
 * RFC 2407 section 4.6.3.1: DOI IPSEC, the protocol of the SA, the
 * responder's own inbound SPI, and as data the lifetime as SA attributes:
 * SA-Life-Type then SA-Life-Duration, seconds first (the order of the
 * example in RFC 2407 section 4.5.2).
 */
export function responderLifetimeNotification(protocolId: number, spi: Uint8Array, lifetime: Lifetime): Notification {
  const attributes: DataAttribute[] = [];
  for (const [kind, type] of KINDS) {
    const value = lifetime[kind];
    if (value !== undefined) attributes.push({ type: IpsecAttr.SA_LIFE_TYPE, value: type }, { type: IpsecAttr.SA_LIFE_DURATION, value });
  }
  return { doi: Doi.IPSEC, protocolId, spi, messageType: NotifyType.RESPONDER_LIFETIME, data: encodeAttributes(attributes) };
}

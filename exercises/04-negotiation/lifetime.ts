/**
 * Exercise 04-negotiation/lifetime: the quick mode lifetime a responder
 * keeps, and the RESPONDER-LIFETIME notification.
 *
 * - `responderLifetime(offered, own)`: for seconds and for kilobytes
 *   separately: offered only -> offered; own only -> own; both -> the
 *   smaller; neither -> leave the kind out. `shortened`: some kind of the
 *   result differs from the offer (smaller, or a limit the initiator did not
 *   set).
 * - `responderLifetimeNotification(protocolId, spi, lifetime)`: RFC 2407
 *   section 4.6.3.1: DOI 1, the protocol, the responder's own inbound SPI,
 *   message type RESPONDER-LIFETIME (24576), data = encodeAttributes of
 *   SA-Life-Type (1) = 1, SA-Life-Duration (2) = seconds, then SA-Life-Type
 *   = 2, SA-Life-Duration = kilobytes (each pair only if that kind is set).
 *
 * Lesson: lessons/04-negotiation.md#lifetime
 */
import { todo } from "@course/todo.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { Lifetime } from "./ipsec-transform.ts";

export function responderLifetime(offered: Lifetime, own: Lifetime): { lifetime: Lifetime; shortened: boolean } {
  return todo("responderLifetime");
}

export function responderLifetimeNotification(protocolId: number, spi: Uint8Array, lifetime: Lifetime): Notification {
  return todo("responderLifetimeNotification");
}

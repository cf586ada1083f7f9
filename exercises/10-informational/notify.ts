/**
 * Exercise 10-informational/notify: the notifications a peer sends and
 * receives outside the normal flow of an exchange.
 *
 * 1. `notifyClass(type)`: RFC 2408 section 3.14.1 and RFC 2407 section 4.6.3:
 *      1-30 "error", 31-8191 "reserved-error", 8192-16383 "private-error",
 *      16384 "status" (CONNECTED), 16385-24575 "reserved-status",
 *      24576-32767 "doi-status", 32768-40959 "private-status",
 *      40960-65535 "reserved-status".
 *    Anything that is not a whole number 1-65535 ->
 *    FieldError("Notify Message Type", type, reason).
 *    `isError(type)`: the class ends in "error".
 * 2. `cookieSpi(ckyI, ckyR)`: the 16 octets CKY-I | CKY-R that name an ISAKMP
 *    SA. A cookie that is not 8 octets -> FieldError("Initiator SPI" or
 *    "Responder SPI", its length, reason).
 * 3. `errorNotification(ckyI, ckyR, error)`: the Notification a phase 1
 *    NegotiationError becomes: DOI 1 (IPSEC), protocol 1 (ISAKMP), SPI =
 *    cookieSpi, messageType = error.notifyType, empty data. A notifyType that
 *    is not an error -> FieldError("Notify Message Type", type, reason).
 * 4. `clearNotifyMessage(ckyI, ckyR, messageId, n)`: the unencrypted
 *    informational message that carries it before there are keys:
 *    encodeMessage (chapter 03) with exchange type 5, no flags, the Message
 *    ID, one Notification payload. Message ID 0 ->
 *    FieldError("Message ID", 0, reason).
 * 5. `initialContact(ckyI, ckyR)`: INITIAL-CONTACT (24578): DOI 1, protocol
 *    ISAKMP, SPI = cookieSpi, empty data.
 * 6. `adoptResponderLifetime(offered, n)`: the initiator's lifetime after a
 *    RESPONDER-LIFETIME (24576) notification. n.data holds SA attributes
 *    (decodeAttributes, chapter 03) in pairs: SA Life Type (class 1: 1 =
 *    seconds, 2 = kilobytes), then SA Life Duration (class 2). For each
 *    kind named, the result is the smaller of offered and said (said alone
 *    if nothing was offered for that kind); kinds not named stay as offered.
 *    Errors: not RESPONDER-LIFETIME -> FieldError("Notify Message Type");
 *    a pair that does not start with class 1, or a life type not followed
 *    by class 2 -> FieldError("Attribute type", the class or 0, reason); a
 *    life type other than 1 or 2 -> FieldError("Attribute value", it, reason).
 *    attributeNumber (chapter 03) reads a value of either form.
 *
 * Lesson: lessons/10-informational.md#notify
 */
import { todo } from "@course/todo.ts";
import type { NegotiationError } from "@course/errors.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { Lifetime } from "../04-negotiation/ipsec-transform.ts";

export type NotifyClass = "error" | "reserved-error" | "private-error" | "status" | "reserved-status" | "doi-status" | "private-status";

export function notifyClass(type: number): NotifyClass {
  return todo("notifyClass");
}

export function isError(type: number): boolean {
  return todo("isError");
}

export function cookieSpi(ckyI: Uint8Array, ckyR: Uint8Array): Uint8Array {
  return todo("cookieSpi");
}

export function errorNotification(ckyI: Uint8Array, ckyR: Uint8Array, error: NegotiationError): Notification {
  return todo("errorNotification");
}

export function clearNotifyMessage(ckyI: Uint8Array, ckyR: Uint8Array, messageId: number, n: Notification): Uint8Array {
  return todo("clearNotifyMessage");
}

export function initialContact(ckyI: Uint8Array, ckyR: Uint8Array): Notification {
  return todo("initialContact");
}

export function adoptResponderLifetime(offered: Lifetime, n: Notification): Lifetime {
  return todo("adoptResponderLifetime");
}

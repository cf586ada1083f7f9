/**
 * Exercise 10-informational/notify: the notifications a peer sends and
 * receives outside the normal flow of an exchange (reference solution).
 *
 * - What kind a received Notify Message Type is: RFC 2408 section 3.14.1
 *   splits the 16-bit space into errors (below 16384) and status messages,
 *   each with a defined, a reserved and a private-use range; RFC 2407
 *   section 4.6.3 gives the IPsec DOI the status range 24576-32767.
 * - The error notification a NegotiationError means: in phase 1 it names the
 *   ISAKMP SA, so protocol ISAKMP and both cookies as the SPI.
 * - An unprotected informational message for errors found before there are
 *   keys (RFC 2408 section 5: "Informational Exchange ... without
 *   protection").
 * - INITIAL-CONTACT (RFC 2407 section 4.6.3.3): "I have no other SA with you
 *   (I rebooted): drop what you still hold for me". strongSwan sends it in
 *   main mode message 5, after ID and HASH_I.
 * - RESPONDER-LIFETIME (RFC 2407 section 4.6.3.1) from the initiator's side:
 *   the responder will keep the SA for less than offered, so the initiator
 *   must rekey by then too.
 *
 * Lesson: lessons/10-informational.md#notify
 */
import { FieldError, type NegotiationError } from "@course/errors.ts";
import { Doi, IpsecAttr, LifeType, NotifyType, ProtocolId } from "@course/isakmp-attributes.ts";
import { ExchangeType, PayloadType } from "@course/isakmp-names.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { attributeNumber, decodeAttributes } from "../03-payloads/attributes.ts";
import { encodeMessage } from "../03-payloads/message.ts";
import type { Notification } from "../03-payloads/notify-delete.ts";
import type { Lifetime } from "../04-negotiation/ipsec-transform.ts";

export type NotifyClass = "error" | "reserved-error" | "private-error" | "status" | "reserved-status" | "doi-status" | "private-status";

/**
 * RFC 2408 section 3.14.1 (errors 1-30 defined, 31-8191 reserved, 8192-16383
 * private; status 16384 CONNECTED, 16385-24575 reserved, 24576-32767
 * DOI-specific, 32768-40959 private, 40960-65535 reserved). DPD's 36136 and
 * 36137 sit in the private status range: RFC 3706 took them from there.
 */
export function notifyClass(type: number): NotifyClass {
  if (!Number.isInteger(type) || type < 1 || type > 0xffff) throw new FieldError("Notify Message Type", type, "a notify type is 1-65535 (0 is reserved)");
  if (type <= 30) return "error";
  if (type < 8192) return "reserved-error";
  if (type < 16384) return "private-error";
  if (type === 16384) return "status";
  if (type < 24576) return "reserved-status";
  if (type < 32768) return "doi-status";
  if (type < 40960) return "private-status";
  return "reserved-status";
}

/** An error says the exchange failed; a status only informs. */
export function isError(type: number): boolean {
  return notifyClass(type).endsWith("error");
}

/** Both cookies, initiator's first: how an ISAKMP SA is named in a Notification or Delete (RFC 2408 section 3.14 and 3.15). */
export function cookieSpi(ckyI: Uint8Array, ckyR: Uint8Array): Uint8Array {
  if (ckyI.length !== 8) throw new FieldError("Initiator SPI", ckyI.length, "a cookie is 8 octets");
  if (ckyR.length !== 8) throw new FieldError("Responder SPI", ckyR.length, "a cookie is 8 octets");
  return new ByteWriter().bytes(ckyI).bytes(ckyR).finish();
}

/**
 * The Notification that tells the peer why phase 1 failed: DOI IPSEC,
 * protocol ISAKMP, SPI = the two cookies, the error's notify type, no data.
 * Only errors go out this way: a status type here is a programming error.
 */
export function errorNotification(ckyI: Uint8Array, ckyR: Uint8Array, error: NegotiationError): Notification {
  if (!isError(error.notifyType)) throw new FieldError("Notify Message Type", error.notifyType, "only error types (below 16384) report a failed exchange");
  return { doi: Doi.IPSEC, protocolId: ProtocolId.ISAKMP, spi: cookieSpi(ckyI, ckyR), messageType: error.notifyType, data: new Uint8Array(0) };
}

/**
 * An informational message in clear: the header (exchange type 5, no
 * flags, the given Message ID) and the one Notification. Used only while
 * phase 1 has no keys yet; a receiver cannot authenticate it, so it may log
 * it but must not tear anything down because of it.
 */
export function clearNotifyMessage(ckyI: Uint8Array, ckyR: Uint8Array, messageId: number, n: Notification): Uint8Array {
  if (messageId === 0) throw new FieldError("Message ID", 0, "an informational exchange has its own non-zero Message ID");
  return encodeMessage({
    initiatorSpi: ckyI,
    responderSpi: ckyR,
    exchangeType: ExchangeType.INFORMATIONAL,
    flags: { encryption: false, commit: false, authenticationOnly: false },
    messageId,
    payloads: [{ type: PayloadType.NOTIFICATION, notification: n }],
  });
}

/** INITIAL-CONTACT for this IKE SA: DOI IPSEC, protocol ISAKMP, SPI = both cookies, no data (what strongSwan sends). */
export function initialContact(ckyI: Uint8Array, ckyR: Uint8Array): Notification {
  return { doi: Doi.IPSEC, protocolId: ProtocolId.ISAKMP, spi: cookieSpi(ckyI, ckyR), messageType: NotifyType.INITIAL_CONTACT, data: new Uint8Array(0) };
}

const KIND: ReadonlyMap<number, keyof Lifetime> = new Map([
  [LifeType.SECONDS, "seconds"],
  [LifeType.KILOBYTES, "kilobytes"],
]);

/**
 * The lifetime the initiator keeps after the responder's RESPONDER-LIFETIME:
 * for seconds and for kilobytes the shorter of what was offered and what the
 * responder says (a responder that names a longer one changes nothing: the
 * initiator's own limit still holds). The data are SA attribute pairs, Life
 * Type then Life Duration (RFC 2407 section 4.6.3.1).
 */
export function adoptResponderLifetime(offered: Lifetime, n: Notification): Lifetime {
  if (n.messageType !== NotifyType.RESPONDER_LIFETIME) throw new FieldError("Notify Message Type", n.messageType, "not RESPONDER-LIFETIME (24576)");
  const attributes = decodeAttributes(n.data);
  const adopted: Lifetime = { ...offered };
  for (let i = 0; i < attributes.length; i += 2) {
    const type = attributes[i]!;
    const duration = attributes[i + 1];
    if (type.type !== IpsecAttr.SA_LIFE_TYPE) throw new FieldError("Attribute type", type.type, "RESPONDER-LIFETIME data are SA Life Type (1) / SA Life Duration (2) pairs");
    const kind = KIND.get(attributeNumber(type));
    if (kind === undefined) throw new FieldError("Attribute value", attributeNumber(type), "a life type is seconds (1) or kilobytes (2)");
    if (duration === undefined || duration.type !== IpsecAttr.SA_LIFE_DURATION) throw new FieldError("Attribute type", duration?.type ?? 0, `the life type ${kind} must be followed by its SA Life Duration (2)`);
    const said = attributeNumber(duration);
    const mine = adopted[kind];
    adopted[kind] = mine === undefined ? said : Math.min(mine, said);
  }
  return adopted;
}

/**
 * Exercise 03-payloads/message: a whole ISAKMP message, header and payload
 * chain, to and from a typed structure (reference solution).
 *
 * RFC 2408 section 3: the 28-byte header, whose Next Payload names the first
 * payload and whose Length counts everything; then the chain.
 * Lesson: lessons/03-payloads.md#message
 */
import { FieldError } from "@course/errors.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { ISAKMP_HEADER_LENGTH, encodeHeader } from "../02-isakmp-header/header.ts";
import type { Flags } from "../02-isakmp-header/version-flags.ts";
import { encodeChain, walkChain, type PayloadBody } from "./chain.ts";
import { decodeIdentification, encodeIdentification, type Identification } from "./identification.ts";
import { decodeDelete, decodeNotification, encodeDelete, encodeNotification, type Delete, type Notification } from "./notify-delete.ts";
import { decodeSa, encodeSa, type SecurityAssociation } from "./sa.ts";

/** Payloads whose body is opaque bytes for this chapter. */
export type DataPayloadType = typeof PayloadType.KEY_EXCHANGE | typeof PayloadType.HASH | typeof PayloadType.NONCE | typeof PayloadType.VENDOR_ID | typeof PayloadType.NAT_D;

export type Payload =
  | { type: typeof PayloadType.SA; sa: SecurityAssociation }
  | { type: typeof PayloadType.IDENTIFICATION; id: Identification }
  | { type: typeof PayloadType.NOTIFICATION; notification: Notification }
  | { type: typeof PayloadType.DELETE; delete: Delete }
  | { type: DataPayloadType; data: Uint8Array };

export interface IsakmpMessage {
  initiatorSpi: Uint8Array;
  responderSpi: Uint8Array;
  exchangeType: number;
  flags: Flags;
  messageId: number;
  payloads: Payload[];
}

/** The payload types a cleartext IKEv1 message may carry at the top level, in this course. */
export const MESSAGE_PAYLOAD_TYPES: ReadonlySet<number> = new Set([
  PayloadType.SA,
  PayloadType.KEY_EXCHANGE,
  PayloadType.IDENTIFICATION,
  PayloadType.HASH,
  PayloadType.NONCE,
  PayloadType.NOTIFICATION,
  PayloadType.DELETE,
  PayloadType.VENDOR_ID,
  PayloadType.NAT_D,
]);

/** Wireshark's names for the data fields, used in errors. */
const DATA_FIELD: Readonly<Record<DataPayloadType, string>> = {
  [PayloadType.KEY_EXCHANGE]: "Key Exchange Data",
  [PayloadType.HASH]: "Hash DATA",
  [PayloadType.NONCE]: "Nonce DATA",
  [PayloadType.VENDOR_ID]: "Vendor ID",
  [PayloadType.NAT_D]: "HASH of the address and port",
};

function checkData(type: DataPayloadType, data: Uint8Array): void {
  const field = DATA_FIELD[type];
  // RFC 2409 section 5: a nonce is 8 to 256 bytes. Every other data payload
  // is at least one byte: an empty KE, hash or vendor ID means nothing.
  if (type === PayloadType.NONCE && (data.length < 8 || data.length > 256)) {
    throw new FieldError(field, data.length, "a nonce is 8 to 256 bytes (RFC 2409 section 5)");
  }
  if (data.length === 0) throw new FieldError(field, 0, "this payload cannot be empty");
}

function payloadBody(p: Payload): PayloadBody {
  switch (p.type) {
    case PayloadType.SA:
      return { type: p.type, body: encodeSa(p.sa) };
    case PayloadType.IDENTIFICATION:
      return { type: p.type, body: encodeIdentification(p.id) };
    case PayloadType.NOTIFICATION:
      return { type: p.type, body: encodeNotification(p.notification) };
    case PayloadType.DELETE:
      return { type: p.type, body: encodeDelete(p.delete) };
    default:
      checkData(p.type, p.data);
      return { type: p.type, body: p.data };
  }
}

function decodePayload(type: number, body: Uint8Array, base: number): Payload {
  switch (type) {
    case PayloadType.SA:
      return { type, sa: decodeSa(body, base) };
    case PayloadType.IDENTIFICATION:
      return { type, id: decodeIdentification(body, base) };
    case PayloadType.NOTIFICATION:
      return { type, notification: decodeNotification(body, base) };
    case PayloadType.DELETE:
      return { type, delete: decodeDelete(body, base) };
    default: {
      // walkChain let only MESSAGE_PAYLOAD_TYPES through: the rest carry data.
      const t = type as DataPayloadType;
      checkData(t, body);
      return { type: t, data: body.slice() };
    }
  }
}

export function encodeMessage(m: IsakmpMessage): Uint8Array {
  // The flags say how to read the payloads; encrypting them is chapter 06's job.
  if (m.flags.encryption) throw new FieldError("Flags", 1, "encodeMessage writes cleartext payloads; the encryption flag must be clear");
  const chain = encodeChain(m.payloads.map(payloadBody));
  const header = encodeHeader({
    initiatorSpi: m.initiatorSpi,
    responderSpi: m.responderSpi,
    nextPayload: chain.first,
    version: { major: 1, minor: 0 },
    exchangeType: m.exchangeType,
    flags: m.flags,
    messageId: m.messageId,
    length: ISAKMP_HEADER_LENGTH + chain.bytes.length,
  });
  return new ByteWriter().bytes(header).bytes(chain.bytes).finish();
}

export function decodeMessage(datagram: Uint8Array): IsakmpMessage {
  const h = decodeHeader(datagram);
  if (h.flags.encryption) throw new FieldError("Flags", 1, "the payloads are encrypted: they must be decrypted first (chapter 06)");
  const payloads = walkChain(h.nextPayload, datagram.subarray(ISAKMP_HEADER_LENGTH), MESSAGE_PAYLOAD_TYPES, ISAKMP_HEADER_LENGTH).map((p) =>
    decodePayload(p.type, p.body, p.offset + 4),
  );
  return { initiatorSpi: h.initiatorSpi, responderSpi: h.responderSpi, exchangeType: h.exchangeType, flags: h.flags, messageId: h.messageId, payloads };
}

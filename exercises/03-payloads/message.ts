/**
 * Exercise 03-payloads/message: whole messages
 *
 * - `encodeMessage(m)`: turn each payload into { type, body } with the
 *   encoders of this chapter (data payloads: the data itself), chain them
 *   with encodeChain, and put the header (encodeHeader from chapter 02) in
 *   front: version 1.0, Next payload = the chain's first type, Length = 28 +
 *   chain length. A set encryption flag: FieldError "Flags" (cleartext only).
 * - `decodeMessage(datagram)`: decodeHeader (chapter 02) first; encryption
 *   flag set: FieldError "Flags". Then walkChain over the bytes after the
 *   header, base 28, allowing MESSAGE_PAYLOAD_TYPES, and decode each body
 *   (pass offset + 4 as base). Data payloads keep a copy of their bytes.
 * - Both directions check data payloads: a nonce is 8-256 bytes (RFC 2409
 *   section 5) else FieldError "Nonce DATA"; an empty KE, hash, vendor ID or
 *   NAT-D: FieldError "Key Exchange Data", "Hash DATA", "Vendor ID",
 *   "HASH of the address and port".
 *
 * Lesson: lessons/03-payloads.md#message
 */
import { todo } from "@course/todo.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import type { Flags } from "../02-isakmp-header/version-flags.ts";
import type { Identification } from "./identification.ts";
import type { Delete, Notification } from "./notify-delete.ts";
import type { SecurityAssociation } from "./sa.ts";

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

export function encodeMessage(m: IsakmpMessage): Uint8Array {
  return todo("encodeMessage");
}

export function decodeMessage(datagram: Uint8Array): IsakmpMessage {
  return todo("decodeMessage");
}


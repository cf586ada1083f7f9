/**
 * Exercise 03-payloads/notify-delete: Notification and Delete payloads
 * (reference solution).
 *
 * RFC 2408 section 3.14 (Notification) and 3.15 (Delete): both start with a
 * DOI, a protocol ID and an SPI size. A notification then carries one
 * message type, an SPI and data; a delete lists the SPIs it removes.
 * Lesson: lessons/03-payloads.md#notify-delete
 */
import { FieldError } from "@course/errors.ts";
import { DOI_NAMES, PROTOCOL_ID_NAMES, ProtocolId, SPI_SIZE } from "@course/isakmp-attributes.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";

export interface Notification {
  /** 1 (IPSEC); 0 (ISAKMP) is also seen in phase 1 errors. */
  doi: number;
  protocolId: number;
  /** Empty, 16 bytes (both cookies) for ISAKMP, 4 bytes for AH/ESP. */
  spi: Uint8Array;
  messageType: number;
  data: Uint8Array;
}

export interface Delete {
  doi: number;
  protocolId: number;
  /** All the same size: 16 for ISAKMP (the two cookies), 4 for AH and ESP. */
  spis: Uint8Array[];
}

function checkDoi(doi: number, field: string): void {
  if (!DOI_NAMES.has(doi)) throw new FieldError(field, doi, "ISAKMP (0) or IPSEC (1)");
}

function checkProtocol(protocolId: number): void {
  if (!PROTOCOL_ID_NAMES.has(protocolId) || protocolId === 0) throw new FieldError("Protocol ID", protocolId, "ISAKMP (1), IPSEC_AH (2), IPSEC_ESP (3) or IPCOMP (4)");
}

export function encodeNotification(n: Notification): Uint8Array {
  checkDoi(n.doi, "Domain of interpretation");
  checkProtocol(n.protocolId);
  if (n.messageType === 0) throw new FieldError("Notify Message Type", 0, "0 is reserved");
  return new ByteWriter()
    .u32(n.doi, "Domain of interpretation")
    .u8(n.protocolId, "Protocol ID")
    .u8(n.spi.length, "SPI Size")
    .u16(n.messageType, "Notify Message Type")
    .bytes(n.spi)
    .bytes(n.data)
    .finish();
}

export function decodeNotification(body: Uint8Array, base = 0): Notification {
  const r = new ByteReader(body, base);
  const doi = r.u32("Domain of interpretation");
  checkDoi(doi, "Domain of interpretation");
  const protocolId = r.u8("Protocol ID");
  checkProtocol(protocolId);
  const spiSize = r.u8("SPI Size");
  const messageType = r.u16("Notify Message Type");
  if (messageType === 0) throw new FieldError("Notify Message Type", 0, "0 is reserved");
  const spi = r.bytes(spiSize, "SPI").slice();
  return { doi, protocolId, spi, messageType, data: r.rest().slice() };
}

/** ISAKMP SAs are named by both cookies (RFC 2408 section 3.15); AH and ESP by their 4-byte SPI. */
function deleteSpiSize(protocolId: number): number {
  return protocolId === ProtocolId.ISAKMP ? 16 : SPI_SIZE.get(protocolId)!;
}

export function encodeDelete(d: Delete): Uint8Array {
  checkDoi(d.doi, "Domain of interpretation");
  checkProtocol(d.protocolId);
  const size = deleteSpiSize(d.protocolId);
  if (d.spis.length === 0) throw new FieldError("Number of SPIs", 0, "a delete names at least one SA");
  const w = new ByteWriter().u32(d.doi, "Domain of interpretation").u8(d.protocolId, "Protocol ID").u8(size, "SPI Size").u16(d.spis.length, "Number of SPIs");
  for (const spi of d.spis) {
    if (spi.length !== size) throw new FieldError("Delete SPI", spi.length, `every SPI of this protocol is ${size} bytes`);
    w.bytes(spi);
  }
  return w.finish();
}

export function decodeDelete(body: Uint8Array, base = 0): Delete {
  const r = new ByteReader(body, base);
  const doi = r.u32("Domain of interpretation");
  checkDoi(doi, "Domain of interpretation");
  const protocolId = r.u8("Protocol ID");
  checkProtocol(protocolId);
  const spiSize = r.u8("SPI Size");
  const want = deleteSpiSize(protocolId);
  if (spiSize !== want) throw new FieldError("SPI Size", spiSize, `protocol ${PROTOCOL_ID_NAMES.get(protocolId)} deletes by ${want}-byte SPIs`);
  const count = r.u16("Number of SPIs");
  if (count === 0) throw new FieldError("Number of SPIs", 0, "a delete names at least one SA");
  const spis: Uint8Array[] = [];
  for (let i = 0; i < count; i++) spis.push(r.bytes(spiSize, "Delete SPI").slice());
  r.expectEnd("Payload length");
  return { doi, protocolId, spis };
}

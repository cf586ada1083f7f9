/**
 * Exercise 02-isakmp-header/decode: decode and validate a received header
 * (reference solution).
 *
 * A responder reads the header of every datagram that reaches UDP port 500
 * and throws away what it cannot trust before doing any work: RFC 2408
 * section 5.2 lists the checks (version, exchange type, flags, length).
 * Lesson: lessons/02-isakmp-header.md#decode
 */
import { FieldError } from "@course/errors.ts";
import { EXCHANGE_TYPE_NAMES, ExchangeType } from "@course/isakmp-names.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ISAKMP_HEADER_LENGTH, type IsakmpHeader } from "./header.ts";
import { decodeFlags, decodeVersion } from "./version-flags.ts";

/** This implementation speaks ISAKMP 1.0 (RFC 2408 section 3.1). */
const OUR_MAJOR = 1;
const OUR_MINOR = 0;

function checkExchangeType(type: number): void {
  // The names table also lists 0 (NONE) so that Wireshark-style printing can
  // show it, but 0 is not an exchange anyone can run.
  if (type === 0 || !EXCHANGE_TYPE_NAMES.has(type)) {
    throw new FieldError("Exchange type", type, `not an exchange this implementation knows (1-6, ${ExchangeType.QUICK_MODE} or ${ExchangeType.NEW_GROUP_MODE})`);
  }
}

export function decodeHeader(datagram: Uint8Array): IsakmpHeader {
  const r = new ByteReader(datagram);
  // slice(), not the reader's view: the caller may reuse the receive buffer,
  // and the cookies must outlive it because they name the ISAKMP SA.
  const initiatorSpi = r.bytes(8, "Initiator SPI").slice();
  const responderSpi = r.bytes(8, "Responder SPI").slice();
  // Next payload is checked by whoever walks the payload chain, not here.
  const nextPayload = r.u8("Next payload");

  const versionByte = r.u8("Version");
  const version = decodeVersion(versionByte);
  // RFC 2408 section 3.1: never accept a larger major version, nor a larger
  // minor version with the same major. Major 0 was the pre-RFC drafts.
  if (version.major !== OUR_MAJOR || version.minor > OUR_MINOR) {
    throw new FieldError("Version", versionByte, `this implementation speaks ISAKMP ${OUR_MAJOR}.${OUR_MINOR} (0x10) only`);
  }

  const exchangeType = r.u8("Exchange type");
  checkExchangeType(exchangeType);
  const flags = decodeFlags(r.u8("Flags"));
  const messageId = r.u32("Message ID");

  // RFC 2408 section 3.1: Length counts the whole message, header included,
  // so it can be neither shorter than the header nor different from what
  // UDP delivered.
  const length = r.u32("Length");
  if (length < ISAKMP_HEADER_LENGTH) {
    throw new FieldError("Length", length, `the message cannot be shorter than its own ${ISAKMP_HEADER_LENGTH}-byte header`);
  }
  if (length !== datagram.length) {
    throw new FieldError("Length", length, `the datagram holds ${datagram.length} bytes; Length must count them all, header included`);
  }

  return { initiatorSpi, responderSpi, nextPayload, version, exchangeType, flags, messageId, length };
}

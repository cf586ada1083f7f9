/**
 * Typed errors for malformed input.
 *
 * A parser that meets a bad packet must say *which field* is wrong, the way
 * Wireshark marks a field "[Malformed]". Every error here carries the field's
 * name in Wireshark's words ("Payload length", "Exchange type"), so a test,
 * a log line or a learner can act on it. They live outside `exercises/` so
 * that the learner's code, the reference solution and the hidden tests all
 * throw and catch the very same classes.
 */
export type PacketErrorCode = "TRUNCATED" | "BAD_FIELD" | "BAD_TEXT" | "BAD_ICV" | "REPLAY" | "SA_EXPIRED";

export abstract class PacketError extends Error {
  abstract readonly code: PacketErrorCode;
  constructor(
    /** The field at fault, in Wireshark's words, e.g. "Exchange type". */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Input ended before a field did: "needs 4 bytes at offset 24, 2 remain". */
export class TruncatedError extends PacketError {
  override readonly name = "TruncatedError";
  readonly code = "TRUNCATED";
  constructor(
    field: string,
    readonly offset: number,
    readonly needed: number,
    readonly available: number,
  ) {
    super(
      field,
      `${field}: needs ${needed} byte${needed === 1 ? "" : "s"} at offset ${offset}, ` +
        `but only ${available} remain${available === 1 ? "s" : ""}`,
    );
  }
}

/** A field is present but its value is not allowed (bad version, unknown type, wrong length). */
export class FieldError extends PacketError {
  override readonly name = "FieldError";
  readonly code = "BAD_FIELD";
  constructor(
    field: string,
    readonly value: string | number | bigint,
    readonly reason: string,
  ) {
    super(field, `${field}: ${reason} (got ${formatValue(value)})`);
  }
}

/** Text that should hold hex digits or a dotted-quad address does not. */
export class TextFormatError extends PacketError {
  override readonly name = "TextFormatError";
  readonly code = "BAD_TEXT";
  constructor(
    field: string,
    readonly input: string,
    readonly reason: string,
  ) {
    super(field, `${field}: ${reason} (in ${JSON.stringify(input.length > 60 ? input.slice(0, 57) + "..." : input)})`);
  }
}

function formatValue(value: string | number | bigint): string {
  if (typeof value === "string") return JSON.stringify(value);
  return `${value} = 0x${value.toString(16)}`;
}

/**
 * An ICV (integrity check value) did not match: the packet was altered, or
 * sent with another key. RFC 4302 section 3.4.4 and RFC 4303 section 3.4.4:
 * the receiver drops it and audits it. `field` is "AH ICV" or "ESP ICV".
 */
export class IntegrityError extends PacketError {
  override readonly name = "IntegrityError";
  readonly code = "BAD_ICV";
  constructor(
    field: string,
    readonly reason: string,
  ) {
    super(field, `${field}: ${reason}`);
  }
}

/**
 * A sequence number the anti-replay window refuses (RFC 4303 section 3.4.3):
 * seen already, or too old for the window. `field` is "ESP Sequence" or
 * "AH Sequence".
 */
export class ReplayError extends PacketError {
  override readonly name = "ReplayError";
  readonly code = "REPLAY";
  constructor(
    field: string,
    readonly sequence: number,
    readonly reason: string,
  ) {
    super(field, `${field}: ${reason} (sequence number ${sequence})`);
  }
}

/**
 * An SA that may carry no more traffic: its sequence numbers are used up
 * (RFC 4303 section 3.3.3) or a hard lifetime has run out (RFC 4301 section
 * 4.4.2.1). The fix is a new SA (a rekey), never a retry. `field` names what
 * ran out: "ESP Sequence", "lifetime bytes" or "lifetime seconds".
 */
export class SaExpiredError extends PacketError {
  override readonly name = "SaExpiredError";
  readonly code = "SA_EXPIRED";
  constructor(
    field: string,
    readonly reason: string,
  ) {
    super(field, `${field}: ${reason}`);
  }
}

/**
 * A responder refuses an offer: nothing in it is acceptable (NO-PROPOSAL-CHOSEN,
 * 14) or it breaks the rules of an offer (BAD-PROPOSAL-SYNTAX, 15;
 * INVALID-PROTOCOL-ID, 10). RFC 2408 section 5.4: the responder answers with a
 * Notification of `notifyType` instead of an SA payload.
 */
export class NegotiationError extends Error {
  override readonly name = "NegotiationError";
  constructor(
    /** The notify message type the responder sends back (RFC 2408 section 3.14.1). */
    readonly notifyType: number,
    /** The field at fault, in Wireshark's words: "Proposal number", "Protocol ID", "Transform". */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

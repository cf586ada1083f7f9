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
export type PacketErrorCode = "TRUNCATED" | "BAD_FIELD" | "BAD_TEXT";

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

/**
 * Exercise 03-payloads/chain: build and walk a payload chain (reference
 * solution).
 *
 * RFC 2408 section 3.1: the header's Next Payload names the first payload,
 * each payload's Next Payload names the one after it, and the last says 0.
 * Each payload's type is therefore written in the payload *before* it.
 * Lesson: lessons/03-payloads.md#chain
 */
import { FieldError } from "@course/errors.ts";
import { PAYLOAD_TYPE_NAMES } from "@course/isakmp-names.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { GENERIC_HEADER_LENGTH, encodePayload, readGenericHeader } from "./payload-header.ts";

export interface PayloadBody {
  type: number;
  /** The payload without its generic header. */
  body: Uint8Array;
}

export interface RawPayload extends PayloadBody {
  /** Where the payload's generic header starts, counted like the reader's base (from the message start). */
  offset: number;
}

/** The type of the first payload (for the header's Next Payload) and the chained bytes. */
export interface Chain {
  first: number;
  bytes: Uint8Array;
}

export function encodeChain(payloads: readonly PayloadBody[]): Chain {
  const w = new ByteWriter();
  payloads.forEach((p, i) => {
    // Each payload carries the type of its successor, the last one NONE (0).
    w.bytes(encodePayload(payloads[i + 1]?.type ?? 0, p.body));
  });
  return { first: payloads[0]?.type ?? 0, bytes: w.finish() };
}

const name = (t: number) => `${PAYLOAD_TYPE_NAMES.get(t) ?? "Unknown"} (${t})`;

/**
 * Walks the chain that starts with a payload of type `first` and fills all
 * of `bytes`. `allowed` are the types that may appear in this chain.
 * `base` is where `bytes` starts in the message, for offsets in errors.
 *
 * It always ends: every payload is at least 4 bytes long (readGenericHeader
 * refuses less), so each step moves forward, and a payload may not run past
 * the end. A chain can hold at most bytes.length / 4 payloads.
 */
export function walkChain(first: number, bytes: Uint8Array, allowed: ReadonlySet<number>, base = 0): RawPayload[] {
  const r = new ByteReader(bytes, base);
  const out: RawPayload[] = [];
  let type = first;
  let previous = "the header";
  while (type !== 0) {
    if (!allowed.has(type)) {
      throw new FieldError("Next payload", type, `${previous} names a payload type that cannot appear here`);
    }
    const offset = base + r.offset;
    const h = readGenericHeader(r);
    const bodyLength = h.length - GENERIC_HEADER_LENGTH;
    if (bodyLength > r.remaining) {
      throw new FieldError("Payload length", h.length, `the ${name(type)} payload at offset ${offset} runs past the end: only ${r.remaining + GENERIC_HEADER_LENGTH} bytes are left for it`);
    }
    out.push({ type, body: r.bytes(bodyLength, "Payload length"), offset });
    previous = `the ${name(type)} payload at offset ${offset}`;
    type = h.nextPayload;
  }
  // Bytes after the payload that said "no next payload": the lengths and the
  // chain disagree, and nobody can tell which one lied.
  if (r.remaining !== 0) {
    throw new FieldError("Next payload", 0, `${previous} ends the chain, but ${r.remaining} bytes follow it`);
  }
  return out;
}

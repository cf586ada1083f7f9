/**
 * Exercise 03-payloads/chain: build and walk a payload chain
 *
 * The header's Next payload names the first payload; each payload's Next
 * payload names the one after it; the last says 0 (RFC 2408 section 3.1).
 *
 * - `encodeChain(payloads)`: concatenate encodePayload(...) of each one
 *   ("./payload-header.ts"), each with the NEXT payload's type (0 for the
 *   last). Return { first: type of the first payload (0 if none), bytes }.
 * - `walkChain(first, bytes, allowed, base = 0)`: read payloads from `bytes`
 *   with a ByteReader(bytes, base), starting with type `first`, until a
 *   payload says 0. For each, return { type, body (without the 4 header
 *   bytes), offset (base + where its header starts) }. Refuse, with
 *   "@course/errors.ts" errors:
 *   - a type not in `allowed`: FieldError "Next payload";
 *   - a header cut short: the reader's TruncatedError (readGenericHeader);
 *   - Payload length < 4 or non-zero Reserved: readGenericHeader does it;
 *   - a payload longer than the bytes left: FieldError "Payload length";
 *   - bytes left after the payload that said 0: FieldError "Next payload".
 *   Every error message should say which payload (type and offset) it is.
 *   The walk must always end: with every length >= 4 and never past the
 *   end, it does. Think about why before you write the loop.
 *
 * Lesson: lessons/03-payloads.md#chain
 */
import { todo } from "@course/todo.ts";

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
  return todo("encodeChain");
}

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
  return todo("walkChain");
}


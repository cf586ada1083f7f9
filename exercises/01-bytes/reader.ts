/**
 * Exercise 01-bytes/reader: a bounded reader that names every field
 *
 * Parsing a packet is reading its fields in order: Initiator SPI (8 bytes),
 * Responder SPI (8), Next payload (1), ... Length (4). A `ByteReader` walks
 * through a Uint8Array doing exactly that, and it never reads a byte that is
 * not there: every read says which field it is reading, so a short or lying
 * packet produces "Length: needs 4 bytes at offset 24, but only 3 remain"
 * instead of garbage or a crash.
 *
 * `new ByteReader(bytes, base = 0)`: `base` is where `bytes` starts inside the
 * original datagram; it is only used to report offsets in errors. Keep it in
 * the public `readonly base` property.
 *
 * - `offset` (getter): bytes read so far, counted from this reader's start
 *   (not including `base`). Starts at 0.
 * - `remaining` (getter): bytes not read yet.
 * - `u8(field)`, `u16(field)`, `u32(field)`: the next 1, 2 or 4 bytes as an
 *   unsigned big-endian number; `u64(field)`: the next 8 as a bigint. (Your
 *   `readU16/readU32/readU64` from `./integers.ts` do the arithmetic.)
 * - `bytes(n, field)`: the next n bytes (a view with `subarray` is fine, no
 *   copy needed). `skip(n, field)`: moves past n bytes (RESERVED fields).
 * - `rest()`: everything not read yet (may be empty); the reader is then at its end.
 * - `sub(n, field)`: consumes the next n bytes and returns a NEW ByteReader
 *   over exactly those bytes, whose `base` is this reader's `base` plus the
 *   offset where they start. A payload's length field tells you n; the
 *   sub-reader then cannot read into the next payload even when the parent
 *   still has bytes.
 * - `expectEnd(field)`: does nothing when `remaining` is 0; otherwise throws
 *   `new FieldError(field, remaining, reason)`: bytes left over mean a length
 *   field lied or a parser forgot a field.
 *
 * Errors (classes from "@course/errors.ts") always name the `field` argument:
 * - not enough bytes: `new TruncatedError(field, base + offset, needed, remaining)`,
 *   where `offset` is this reader's position before the failed read and
 *   `needed` is the size asked for. A failed read consumes nothing: `offset`
 *   and `remaining` stay as they were.
 * - a length n (bytes, skip, sub) that is not a whole number ≥ 0:
 *   `new FieldError(field, n, reason)`.
 *
 * RFC 2408 section 3 (ISAKMP fields are read in order, lengths in front).
 * Lesson: lessons/01-bytes.md#reader
 */
import { todo } from "@course/todo.ts";

export class ByteReader {
  // Suggested state, yours to change: the bytes, and how many have been read.
  #bytes: Uint8Array;
  #pos = 0;
  /** Where this reader's first byte sits in the original datagram, for error messages. */
  readonly base: number;

  constructor(bytes: Uint8Array, base = 0) {
    this.#bytes = bytes;
    this.base = base;
  }

  /** Bytes consumed so far, counted from this reader's start. */
  get offset(): number {
    return todo("ByteReader.offset");
  }

  get remaining(): number {
    return todo("ByteReader.remaining");
  }

  u8(field: string): number {
    return todo("ByteReader.u8");
  }

  u16(field: string): number {
    return todo("ByteReader.u16");
  }

  u32(field: string): number {
    return todo("ByteReader.u32");
  }

  u64(field: string): bigint {
    return todo("ByteReader.u64");
  }

  /** The next n bytes. */
  bytes(n: number, field: string): Uint8Array {
    return todo("ByteReader.bytes");
  }

  skip(n: number, field: string): void {
    return todo("ByteReader.skip");
  }

  /** Everything not read yet. */
  rest(): Uint8Array {
    return todo("ByteReader.rest");
  }

  /** A reader over the next n bytes only. */
  sub(n: number, field: string): ByteReader {
    return todo("ByteReader.sub");
  }

  /** Insists that everything was read. */
  expectEnd(field: string): void {
    return todo("ByteReader.expectEnd");
  }
}

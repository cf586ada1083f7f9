/**
 * Exercise 01-bytes/writer: build a message, fill in its lengths last
 *
 * ISAKMP puts every length in front of what it measures: the header's Length
 * (RFC 2408 section 3.1) counts the whole message, header included; each
 * payload's Payload length (section 3.2) counts that payload, its 4-byte
 * generic header included. The seed's main mode message 1 says `Length: 168`
 * long before its 168th byte is written. The reliable way: reserve the field
 * (a placeholder), write what follows, then fill the placeholder in.
 *
 * A `ByteWriter` appends big-endian fields to a buffer that grows as needed.
 * Start with 64 bytes and double when full (so most messages never copy, and
 * long ones copy rarely).
 *
 * - `length` (getter): bytes written so far.
 * - `u8(value, field = "u8")`, `u16(value, field = "u16")`,
 *   `u32(value, field = "u32")`, `u64(value: bigint, field = "u64")`: append
 *   the value big-endian and return `this`, so calls chain:
 *   `w.u8(1).u8(0x10).u8(2)`. A value that does not fit (negative, too big,
 *   not a whole number) throws `new FieldError(field, value, reason)` (from
 *   "@course/errors.ts"), and the writer stays as it was: `length` does not
 *   move, no stray bytes. (Your `writeU8 ... writeU64` from `./integers.ts`
 *   already check the value and throw exactly that.)
 * - `bytes(data)`: appends a copy of `data`, returns `this`.
 * - `placeholder16(field)` / `placeholder32(field)`: append a 2- or 4-byte
 *   field set to zero for now, and return a function `(value) => void` that
 *   writes `value` into those very bytes later. That function may be called
 *   after the buffer has grown and been replaced by a bigger one: it must
 *   write into the CURRENT buffer. A value that does not fit throws
 *   `new FieldError(field, value, reason)` naming the placeholder's field.
 * - `finish()`: a copy of exactly the `length` bytes written (not the whole
 *   buffer). Writing more afterwards must not change an array already returned,
 *   and changing the returned array must not change the writer.
 *
 * RFC 2408 section 3.1 (Length) and 3.2 (Payload Length).
 * Lesson: lessons/01-bytes.md#writer
 */
import { todo } from "@course/todo.ts";

export class ByteWriter {
  // Suggested state, yours to change: the buffer and how much of it is used.
  #buf = new Uint8Array(64);
  #len = 0;

  get length(): number {
    return todo("ByteWriter.length");
  }

  u8(value: number, field = "u8"): this {
    return todo("ByteWriter.u8");
  }

  u16(value: number, field = "u16"): this {
    return todo("ByteWriter.u16");
  }

  u32(value: number, field = "u32"): this {
    return todo("ByteWriter.u32");
  }

  u64(value: bigint, field = "u64"): this {
    return todo("ByteWriter.u64");
  }

  bytes(data: Uint8Array): this {
    return todo("ByteWriter.bytes");
  }

  /** Reserves a 16-bit field now; call the returned function to fill it in later. */
  placeholder16(field: string): (value: number) => void {
    return todo("ByteWriter.placeholder16");
  }

  /** Reserves a 32-bit field now; call the returned function to fill it in later. */
  placeholder32(field: string): (value: number) => void {
    return todo("ByteWriter.placeholder32");
  }

  /** A copy of what was written, exactly `length` bytes. */
  finish(): Uint8Array {
    return todo("ByteWriter.finish");
  }
}

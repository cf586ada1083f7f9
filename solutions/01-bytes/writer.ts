/**
 * Exercise 01-bytes/writer: a growable writer (reference solution).
 *
 * ISAKMP puts lengths in front of what they measure: the header's Length
 * (RFC 2408 section 3.1) covers the whole message, each payload's length
 * covers the payload. The easy way to get them right is to reserve the field,
 * write the body, then fill the field in.
 * Lesson: lessons/01-bytes.md#writer
 */
import { writeU16, writeU32, writeU64, writeU8 } from "./integers.ts";

export class ByteWriter {
  #buf = new Uint8Array(64);
  #len = 0;

  get length(): number {
    return this.#len;
  }

  /** Makes sure the buffer holds at least `size` bytes (doubling, so appends stay cheap). */
  #ensure(size: number): void {
    if (size <= this.#buf.length) return;
    let next = this.#buf.length * 2;
    while (next < size) next *= 2;
    const bigger = new Uint8Array(next);
    bigger.set(this.#buf.subarray(0, this.#len));
    this.#buf = bigger;
  }

  /**
   * Appends n bytes produced by `write`. Room is made before `this.#buf` is
   * read, so the bytes land in the current buffer rather than one #ensure has
   * just replaced. The length moves only after `write` succeeded, so a
   * rejected value (70000 for a u16) leaves no stray bytes behind to shift
   * every later field.
   */
  #append(n: number, write: (buf: Uint8Array, at: number) => void): this {
    const at = this.#len;
    this.#ensure(at + n);
    write(this.#buf, at);
    this.#len = at + n;
    return this;
  }

  u8(value: number, field = "u8"): this {
    return this.#append(1, (buf, at) => writeU8(buf, at, value, field));
  }

  u16(value: number, field = "u16"): this {
    return this.#append(2, (buf, at) => writeU16(buf, at, value, field));
  }

  u32(value: number, field = "u32"): this {
    return this.#append(4, (buf, at) => writeU32(buf, at, value, field));
  }

  u64(value: bigint, field = "u64"): this {
    return this.#append(8, (buf, at) => writeU64(buf, at, value, field));
  }

  bytes(data: Uint8Array): this {
    return this.#append(data.length, (buf, at) => buf.set(data, at));
  }

  /**
   * Reserves a 16-bit field (zero for now); call the returned function to
   * fill it in later. The function looks up the buffer when it is called,
   * because by then the buffer may have been replaced by a bigger one.
   */
  placeholder16(field: string): (value: number) => void {
    const at = this.#len;
    this.u16(0, field);
    return (value) => writeU16(this.#buf, at, value, field);
  }

  /** Reserves a 32-bit field (zero for now); call the returned function to fill it in later. */
  placeholder32(field: string): (value: number) => void {
    const at = this.#len;
    this.u32(0, field);
    return (value) => writeU32(this.#buf, at, value, field);
  }

  /** A copy of what was written, exactly `length` bytes. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

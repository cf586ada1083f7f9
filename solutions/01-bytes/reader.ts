/**
 * Exercise 01-bytes/reader: a bounded reader (reference solution).
 *
 * Parsing a packet is reading fields in order. Every read names its field,
 * so when a datagram is cut short the error says which field was missing and
 * where: exactly what Wireshark's "[Malformed Packet]" leaves you to guess.
 * Lesson: lessons/01-bytes.md#reader
 */
import { FieldError, TruncatedError } from "@course/errors.ts";
import { readU16, readU32, readU64 } from "./integers.ts";

export class ByteReader {
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
    return this.#pos;
  }

  get remaining(): number {
    return this.#bytes.length - this.#pos;
  }

  #take(n: number, field: string): number {
    if (!Number.isInteger(n) || n < 0) throw new FieldError(field, n, "a length must be a whole number ≥ 0");
    if (n > this.remaining) throw new TruncatedError(field, this.base + this.#pos, n, this.remaining);
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  u8(field: string): number {
    return this.#bytes[this.#take(1, field)]!;
  }

  u16(field: string): number {
    return readU16(this.#bytes, this.#take(2, field), field);
  }

  u32(field: string): number {
    return readU32(this.#bytes, this.#take(4, field), field);
  }

  u64(field: string): bigint {
    return readU64(this.#bytes, this.#take(8, field), field);
  }

  /** The next n bytes (a view, not a copy). */
  bytes(n: number, field: string): Uint8Array {
    const at = this.#take(n, field);
    return this.#bytes.subarray(at, at + n);
  }

  skip(n: number, field: string): void {
    this.#take(n, field);
  }

  /** Everything not read yet. */
  rest(): Uint8Array {
    return this.bytes(this.remaining, "rest");
  }

  /**
   * A reader over the next n bytes only, for a part whose length a header
   * gave (a payload, an attribute): it cannot read into its neighbour.
   */
  sub(n: number, field: string): ByteReader {
    const at = this.#take(n, field);
    return new ByteReader(this.#bytes.subarray(at, at + n), this.base + at);
  }

  /** Insists that everything was read: leftover bytes mean a length field lied. */
  expectEnd(field: string): void {
    if (this.remaining !== 0) throw new FieldError(field, this.remaining, "bytes left over after the last field");
  }
}

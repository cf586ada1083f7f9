/**
 * Exercise 01-bytes/hex: hex text ↔ bytes
 *
 * Wireshark shows every field as hex: the initiator SPI of the seed's main
 * mode is `e47a59ffd057587f`, eight bytes written as sixteen hex digits.
 * Write the two conversions every later exercise (and every test message)
 * relies on.
 *
 * - `toHex(bytes)`: lower-case, two digits per byte, no separators.
 * - `fromHex(text)`: accepts upper or lower case and ignores white space
 *   and colons between digits (so `e4 7a 59` and `E4:7A:59` both work,
 *   as copied from Wireshark). Rejects text with an odd number of digits or
 *   any other character by throwing a `TextFormatError` whose field is
 *   "hex text".
 *
 * Lesson: lessons/01-bytes.md#hex
 */
import { todo } from "@course/todo.ts";

export function toHex(bytes: Uint8Array): string {
  return todo("toHex");
}

export function fromHex(text: string): Uint8Array {
  return todo("fromHex");
}

/**
 * Exercise 03-payloads/transform: the Transform payload
 *
 * RFC 2408 section 3.6. The body after the generic header:
 *   byte 0     Transform number
 *   byte 1     Transform ID (KEY_IKE = 1 in phase 1)
 *   bytes 2-3  Reserved2, must be 0
 *   bytes 4-   SA attributes (./attributes.ts)
 *
 * - `encodeTransform(t)`: the body bytes (no generic header). Field names
 *   "Transform number", "Transform ID", "Reserved2".
 * - `decodeTransform(body, base = 0)`: the reverse, with the same names;
 *   a non-zero Reserved2 → FieldError "Reserved2". Pass base + 4 to
 *   decodeAttributes so offsets in its errors stay right.
 *
 * Lesson: lessons/03-payloads.md#transform
 */
import { todo } from "@course/todo.ts";
import type { DataAttribute } from "./attributes.ts";

export interface Transform {
  /** 1, 2, ...: lets the responder say which one it picked. */
  number: number;
  /** KEY_IKE (1) in phase 1; ESP_AES (12), AH_SHA (3)... in phase 2. */
  id: number;
  attributes: DataAttribute[];
}

/** The transform body, without its generic header. */
export function encodeTransform(t: Transform): Uint8Array {
  return todo("encodeTransform");
}

export function decodeTransform(body: Uint8Array, base = 0): Transform {
  return todo("decodeTransform");
}


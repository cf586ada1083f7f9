/**
 * Assertions that teach.
 *
 * Each failure is one paragraph a CCNA student can act on: which field, which
 * byte, what was expected and why. The grader shows a TeachingError's message
 * as it is, without a stack trace.
 */
import { diffDump, hex } from "./hexdump.ts";
import { fieldAt, type Layout } from "./layout.ts";

// Captured when this module loads, before any code under test: a learner's
// module that patches Object.is or Array.prototype cannot change a verdict.
const { is: objectIs, keys: objectKeys } = Object;
const { isArray } = Array;

export class TeachingError extends Error {
  override readonly name = "TeachingError";
}

/** Prints any value the way a learner would want to read it. */
export function show(value: unknown): string {
  if (value instanceof Uint8Array) return value.length <= 40 ? `bytes ${hex(value) || "(empty)"}` : `${value.length} bytes ${hex(value.subarray(0, 32))}...`;
  if (typeof value === "bigint") return `${value}n (0x${value.toString(16)})`;
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 ? `${value} (0x${value.toString(16)})` : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined (did the function forget to return?)";
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? hex(v) : v));
  } catch {
    return String(value);
  }
}

function because(why?: string): string {
  return why ? `\nWhy it matters: ${why}` : "";
}

export interface BytesExpectation {
  /** What the bytes are, e.g. "the ISAKMP header of main mode message 1". */
  readonly what: string;
  /** Field names for the bytes, so the first difference is named. */
  readonly layout?: Layout;
  readonly why?: string;
}

/** Compares byte strings and names the first differing field. */
export function expectBytes(got: unknown, want: Uint8Array, e: BytesExpectation): void {
  if (!(got instanceof Uint8Array)) {
    throw new TeachingError(`${e.what}: expected a Uint8Array of ${want.length} bytes, got ${show(got)}.${because(e.why)}`);
  }
  let first = -1;
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== want[i]) {
      first = i;
      break;
    }
  }
  if (first === -1 && got.length === want.length) return;
  let headline: string;
  if (first === -1) {
    headline =
      got.length < want.length
        ? `${e.what}: your ${got.length} bytes are right but too few: ${want.length} expected` +
          describeField(e.layout, got.length, " The first missing byte belongs to")
        : `${e.what}: the first ${want.length} bytes are right, but you produced ${got.length - want.length} extra byte(s) (${got.length} instead of ${want.length})`;
  } else {
    const f = fieldAt(e.layout, first);
    if (f) {
      const gotField = got.subarray(f.offset, f.offset + f.length);
      const wantField = want.subarray(f.offset, f.offset + f.length);
      const explain = (b: Uint8Array) => `0x${hex(b)}${f.explain && b.length === f.length ? ` = ${f.explain(b)}` : ""}`;
      headline =
        `${e.what}: byte ${first} is wrong, in field "${f.name}"${f.filter ? ` (${f.filter})` : ""}, ` +
        `bytes ${f.offset}-${f.offset + f.length - 1}: got ${explain(gotField)}, want ${explain(wantField)}`;
    } else {
      headline = `${e.what}: byte ${first} is wrong: got 0x${hex(got.subarray(first, first + 1))}, want 0x${hex(want.subarray(first, first + 1))}`;
    }
  }
  throw new TeachingError(`${headline}.${because(e.why)}\n\n${diffDump(got, want)}`);
}

function describeField(layout: Layout | undefined, offset: number, lead: string): string {
  const f = fieldAt(layout, offset);
  return f ? `.${lead} "${f.name}" (byte ${offset}).` : ".";
}

export interface ValueExpectation {
  /** What the value is, e.g. `decodeHeader(...).exchangeType`. */
  readonly what: string;
  readonly why?: string;
}

/** Deep equality with a readable message (bytes compared as bytes, bigints as bigints). */
export function expectEqual<T>(got: unknown, want: T, e: ValueExpectation): asserts got is T {
  if (same(got, want)) return;
  throw new TeachingError(`${e.what}: got ${show(got)}, want ${show(want)}.${because(e.why)}`);
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return objectIs(a, b);
  if (isArray(a) !== isArray(b)) return false;
  const ka = objectKeys(a);
  const kb = objectKeys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A plain yes/no check that still explains itself. */
export function expectTrue(condition: boolean, message: string, why?: string): asserts condition {
  if (!condition) throw new TeachingError(`${message}${because(why)}`);
}

export interface ThrowExpectation {
  /** What the call was, e.g. `decodeHeader(a 20-byte datagram)`. */
  readonly what: string;
  /** The error class's name, one of the classes in "@course/errors.ts" (or RangeError). */
  readonly error: "TruncatedError" | "FieldError" | "TextFormatError" | "RangeError" | "NegotiationError" | "IntegrityError" | "ReplayError" | "SaExpiredError";
  /** The field the error must name (compared with the error's `field`). */
  readonly field?: string;
  readonly why?: string;
}

/**
 * Expects `fn` to reject bad input with the right typed error. A TodoError is
 * passed through untouched so the grader can say "not written yet".
 */
export function expectThrows(fn: () => unknown, e: ThrowExpectation): void {
  let thrown: unknown;
  let returned: unknown;
  try {
    returned = fn();
  } catch (err) {
    thrown = err;
  }
  const wantText = `a ${e.error}${e.field ? ` naming the field "${e.field}"` : ""}`;
  if (thrown === undefined) {
    throw new TeachingError(`${e.what} should be rejected with ${wantText}, but it returned ${show(returned)}.${because(e.why)}`);
  }
  if (thrown instanceof Error && thrown.name === "TodoError") throw thrown;
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  if (name !== e.error) {
    const msg = thrown instanceof Error ? `: ${thrown.message}` : ` (${show(thrown)})`;
    throw new TeachingError(
      `${e.what} should be rejected with ${wantText}, but it threw ${name}${msg}. ` +
        `Import the error classes from "@course/errors.ts" and throw the one that fits.${because(e.why)}`,
    );
  }
  if (e.field !== undefined) {
    const field = (thrown as { field?: unknown }).field;
    if (field !== e.field) {
      throw new TeachingError(`${e.what} threw a ${name}, good, but it names the field ${show(field)}; it should name "${e.field}".${because(e.why)}`);
    }
  }
}

/**
 * Exercise 03-payloads/sa: the Security Association payload
 *
 * RFC 2408 section 3.4, RFC 2407 section 4.6.1. The body after the generic
 * header:
 *   bytes 0-3  Domain of interpretation: 1 (IPSEC)
 *   bytes 4-7  Situation: 1 (SIT_IDENTITY_ONLY)
 *   bytes 8-   the proposals, a chain of Proposal payloads (type 2)
 *
 * - `encodeSa(sa)` and `decodeSa(body, base = 0)`.
 * - DOI other than 1: FieldError "Domain of interpretation". Situation other
 *   than 1: FieldError "Situation". No proposal: FieldError "Next payload".
 * - Proposal numbers must never decrease (equal numbers = protocols offered
 *   together, AND; a higher number = the next alternative, OR): otherwise
 *   FieldError "Proposal number", both when encoding and decoding.
 *
 * Lesson: lessons/03-payloads.md#sa
 */
import { todo } from "@course/todo.ts";
import type { Proposal } from "./proposal.ts";

export interface SecurityAssociation {
  /** Always 1 (IPSEC) here. */
  doi: number;
  /** Always SIT_IDENTITY_ONLY (1) here. */
  situation: number;
  proposals: Proposal[];
}

export function encodeSa(sa: SecurityAssociation): Uint8Array {
  return todo("encodeSa");
}

export function decodeSa(body: Uint8Array, base = 0): SecurityAssociation {
  return todo("decodeSa");
}


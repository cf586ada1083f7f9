/**
 * Exercise 03-payloads/proposal: the Proposal payload
 *
 * RFC 2408 section 3.5. The body after the generic header:
 *   byte 0   Proposal number      byte 1   Protocol ID (ISAKMP 1, IPSEC_AH 2, IPSEC_ESP 3, IPCOMP 4)
 *   byte 2   SPI Size             byte 3   Proposal transforms (how many)
 *   then     SPI (SPI Size bytes)
 *   then     the transforms, a chain of Transform payloads (type 3): each
 *            says Transform (3) as next payload, the last says 0.
 *
 * - `encodeProposal(p)` and `decodeProposal(body, base = 0)`.
 * - Protocol ID must be 1-4 (PROTOCOL_ID_NAMES in "@course/isakmp-attributes.ts"),
 *   else FieldError "Protocol ID". SPI size: SPI_SIZE.get(protocol) for AH, ESP
 *   and IPCOMP (4, 4, 2); 0 or 16 for ISAKMP; else FieldError "SPI Size".
 * - At least one transform (FieldError "Proposal transforms"), and when
 *   decoding, the transforms present must match the count (FieldError
 *   "Proposal transforms"). Walk the transform chain with walkChain
 *   ("./chain.ts"), allowing only type 3.
 *
 * Lesson: lessons/03-payloads.md#proposal
 */
import { todo } from "@course/todo.ts";
import type { Transform } from "./transform.ts";

export interface Proposal {
  number: number;
  /** ISAKMP (1) in phase 1; IPSEC_AH (2) or IPSEC_ESP (3) in quick mode. */
  protocolId: number;
  /** Empty in phase 1 (the cookies are the SPI); 4 bytes for AH and ESP. */
  spi: Uint8Array;
  transforms: Transform[];
}

export function encodeProposal(p: Proposal): Uint8Array {
  return todo("encodeProposal");
}

export function decodeProposal(body: Uint8Array, base = 0): Proposal {
  return todo("decodeProposal");
}


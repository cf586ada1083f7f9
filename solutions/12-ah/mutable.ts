/**
 * Exercise 12-ah/mutable: what AH authenticates in the IPv4 header (reference solution).
 *
 * Routers change some header fields on the way: TTL, the checksum with it,
 * the DS field (DSCP and ECN), and the flags and fragment offset. The sender
 * cannot predict their values at the receiver, so AH computes its ICV with
 * them set to zero (RFC 4302 section 3.3.3.1.1.1). Everything else (version,
 * lengths, identification, protocol, addresses) is immutable and protected.
 * Lesson: lessons/12-ah.md#mutable
 */
import { FieldError } from "@course/errors.ts";
import { IPV4_HEADER_LENGTH } from "../11-ipv4/header.ts";

export function zeroMutableFields(header: Uint8Array): Uint8Array {
  if (header.length !== IPV4_HEADER_LENGTH) {
    throw new FieldError("Header Length", header.length, "give the 20-byte IPv4 header (no options), not the whole packet");
  }
  const copy = header.slice(); // the packet itself keeps its real values
  copy[1] = 0; // Differentiated Services Field (DSCP, ECN)
  copy[6] = 0; // Flags and the top bits of the Fragment Offset
  copy[7] = 0; // the rest of the Fragment Offset
  copy[8] = 0; // Time to Live
  copy[10] = 0; // Header Checksum
  copy[11] = 0;
  return copy;
}

/**
 * Exercise 10-informational/delete: telling the peer an SA is gone, and
 * acting on the peer's Delete (reference solution).
 *
 * RFC 2408 section 3.15: a Delete payload names SAs of one protocol by SPI.
 * An ISAKMP SA's SPI is its two cookies (16 octets, initiator's first); an
 * ESP or AH SA's is the 4-octet SPI. RFC 2408 section 4.8 and RFC 2409
 * section 5.7: the Delete travels in a protected informational exchange.
 *
 * Which SPI goes in it: the sender's *inbound* SPI, the one it chose in
 * quick mode and on which it will accept no more packets (strongSwan sends
 * exactly that: the initiator's delete carries the SPI it logs as "_i").
 * The receiver finds it among its *outbound* SPIs, and removes that CHILD
 * SA, both directions: a pair is negotiated together and goes together.
 *
 * Lesson: lessons/10-informational.md#delete
 */
import { equalBytes } from "@course/bytes.ts";
import { FieldError } from "@course/errors.ts";
import { Doi, ProtocolId } from "@course/isakmp-attributes.ts";
import { readU32, writeU32 } from "../01-bytes/integers.ts";
import type { Delete } from "../03-payloads/notify-delete.ts";
import type { IkeSa } from "../07-main-mode/exchange.ts";
import { cookieSpi } from "./notify.ts";

export type IpsecProtocol = "ESP" | "AH";

/** What a CHILD SA must say for a Delete to find it (chapter 09's ChildSa has these fields). */
export interface ChildSpis {
  readonly protocol: IpsecProtocol;
  readonly inbound: { readonly spi: number };
  readonly outbound: { readonly spi: number };
}

export interface DeleteOutcome<C extends ChildSpis> {
  /** The peer deleted this IKE SA. */
  readonly ikeSa: boolean;
  /** Our CHILD SAs the Delete named, to remove. */
  readonly removed: C[];
  /** The rest, unchanged and in their order. */
  readonly kept: C[];
  /** SPIs that name nothing we hold (already gone, or another SA's): ignored. */
  readonly unknown: Uint8Array[];
}

const PROTOCOL_ID: Readonly<Record<IpsecProtocol, number>> = { ESP: ProtocolId.IPSEC_ESP, AH: ProtocolId.IPSEC_AH };

function spiOctets(spi: number): Uint8Array {
  const out = new Uint8Array(4);
  writeU32(out, 0, spi, "Delete SPI");
  return out;
}

/** Delete this IKE SA: DOI IPSEC, protocol ISAKMP, one 16-octet SPI, CKY-I | CKY-R. */
export function deleteIkeSa(ike: IkeSa): Delete {
  return { doi: Doi.IPSEC, protocolId: ProtocolId.ISAKMP, spis: [cookieSpi(ike.ckyI, ike.ckyR)] };
}

/**
 * Delete these CHILD SAs of one protocol: DOI IPSEC, protocol ESP (3) or AH
 * (2), our inbound SPIs, 4 octets each, in the given order.
 */
export function deleteChildSas(protocol: IpsecProtocol, children: readonly ChildSpis[]): Delete {
  if (children.length === 0) throw new FieldError("Number of SPIs", 0, "a Delete names at least one SA");
  for (const c of children) {
    if (c.protocol !== protocol) throw new FieldError("Protocol ID", PROTOCOL_ID[c.protocol], `one Delete payload names SAs of one protocol (${protocol}); send another payload for ${c.protocol}`);
  }
  return { doi: Doi.IPSEC, protocolId: PROTOCOL_ID[protocol], spis: children.map((c) => spiOctets(c.inbound.spi)) };
}

/** What a Delete received on this IKE SA removes. */
export function applyDelete<C extends ChildSpis>(ike: IkeSa, children: readonly C[], d: Delete): DeleteOutcome<C> {
  if (d.doi !== Doi.IPSEC) throw new FieldError("Domain of interpretation", d.doi, "IKEv1 deletes are in the IPSEC DOI (1)");
  const unknown: Uint8Array[] = [];
  if (d.protocolId === ProtocolId.ISAKMP) {
    const ours = cookieSpi(ike.ckyI, ike.ckyR);
    let ikeSa = false;
    for (const spi of d.spis) {
      if (equalBytes(spi, ours)) ikeSa = true;
      else unknown.push(spi);
    }
    // IKEv1 CHILD SAs do not depend on the IKE SA that made them (RFC 2409
    // section 5.5: phase 2 SAs have their own lifetimes): they stay.
    return { ikeSa, removed: [], kept: [...children], unknown };
  }
  const protocol = d.protocolId === ProtocolId.IPSEC_ESP ? "ESP" : d.protocolId === ProtocolId.IPSEC_AH ? "AH" : undefined;
  if (protocol === undefined) throw new FieldError("Protocol ID", d.protocolId, "a Delete names ISAKMP (1), AH (2) or ESP (3) SAs");
  const named = new Set<number>();
  for (const spi of d.spis) {
    if (spi.length !== 4) throw new FieldError("SPI Size", spi.length, `${protocol} SAs are named by 4-octet SPIs`);
    const value = readU32(spi, 0, "Delete SPI");
    if (children.some((c) => c.protocol === protocol && c.outbound.spi === value)) named.add(value);
    else unknown.push(spi);
  }
  const removed = children.filter((c) => c.protocol === protocol && named.has(c.outbound.spi));
  const kept = children.filter((c) => !removed.includes(c));
  return { ikeSa: false, removed, kept, unknown };
}


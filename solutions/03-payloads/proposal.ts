/**
 * Exercise 03-payloads/proposal: the Proposal payload (reference solution).
 *
 * RFC 2408 section 3.5: proposal number, protocol ID, SPI size, number of
 * transforms, the SPI, then the transforms as a chain of Transform payloads
 * (each says "Transform (3)" as next payload, the last says 0).
 * Lesson: lessons/03-payloads.md#proposal
 */
import { FieldError } from "@course/errors.ts";
import { PROTOCOL_ID_NAMES, SPI_SIZE } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { encodeChain, walkChain } from "./chain.ts";
import { decodeTransform, encodeTransform, type Transform } from "./transform.ts";

export interface Proposal {
  number: number;
  /** ISAKMP (1) in phase 1; IPSEC_AH (2) or IPSEC_ESP (3) in quick mode. */
  protocolId: number;
  /** Empty in phase 1 (the cookies are the SPI); 4 bytes for AH and ESP. */
  spi: Uint8Array;
  transforms: Transform[];
}

const TRANSFORMS_ONLY: ReadonlySet<number> = new Set([PayloadType.TRANSFORM]);

function checkSpi(protocolId: number, spiSize: number): void {
  if (!PROTOCOL_ID_NAMES.has(protocolId) || protocolId === 0) {
    throw new FieldError("Protocol ID", protocolId, "a proposal is for ISAKMP (1), IPSEC_AH (2), IPSEC_ESP (3) or IPCOMP (4)");
  }
  // RFC 2407 section 4.6.3 fixes the SPI of AH and ESP at 4 bytes; RFC 2409
  // section 5 lets phase 1 carry 0 or the 16 bytes of the two cookies.
  const want = SPI_SIZE.get(protocolId);
  const ok = want === undefined ? spiSize === 0 || spiSize === 16 : spiSize === want;
  if (!ok) throw new FieldError("SPI Size", spiSize, `protocol ${PROTOCOL_ID_NAMES.get(protocolId)} uses ${want ?? "0 or 16"} SPI bytes`);
}

export function encodeProposal(p: Proposal): Uint8Array {
  checkSpi(p.protocolId, p.spi.length);
  if (p.transforms.length === 0) throw new FieldError("Proposal transforms", 0, "a proposal offers at least one transform");
  const chain = encodeChain(p.transforms.map((t) => ({ type: PayloadType.TRANSFORM, body: encodeTransform(t) })));
  return new ByteWriter()
    .u8(p.number, "Proposal number")
    .u8(p.protocolId, "Protocol ID")
    .u8(p.spi.length, "SPI Size")
    .u8(p.transforms.length, "Proposal transforms")
    .bytes(p.spi)
    .bytes(chain.bytes)
    .finish();
}

export function decodeProposal(body: Uint8Array, base = 0): Proposal {
  const r = new ByteReader(body, base);
  const number = r.u8("Proposal number");
  const protocolId = r.u8("Protocol ID");
  const spiSize = r.u8("SPI Size");
  checkSpi(protocolId, spiSize);
  const count = r.u8("Proposal transforms");
  if (count === 0) throw new FieldError("Proposal transforms", 0, "a proposal offers at least one transform");
  const spi = r.bytes(spiSize, "SPI").slice();
  const at = base + r.offset;
  const transforms = walkChain(PayloadType.TRANSFORM, r.rest(), TRANSFORMS_ONLY, at).map((t) => decodeTransform(t.body, t.offset + 4));
  // Two counts describe the same list; if they disagree the proposal is
  // malformed (RFC 2408 section 5.4: BAD-PROPOSAL-SYNTAX).
  if (transforms.length !== count) {
    throw new FieldError("Proposal transforms", count, `the proposal holds ${transforms.length} Transform payloads`);
  }
  return { number, protocolId, spi, transforms };
}

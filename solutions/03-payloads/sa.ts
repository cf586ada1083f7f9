/**
 * Exercise 03-payloads/sa: the Security Association payload (reference
 * solution).
 *
 * RFC 2408 section 3.4 and RFC 2407 section 4.6.1: a 4-byte DOI (1, IPsec),
 * a 4-byte situation (SIT_IDENTITY_ONLY), then the proposals as a chain of
 * Proposal payloads.
 * Lesson: lessons/03-payloads.md#sa
 */
import { FieldError } from "@course/errors.ts";
import { Doi, Situation } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { encodeChain, walkChain } from "./chain.ts";
import { decodeProposal, encodeProposal, type Proposal } from "./proposal.ts";

export interface SecurityAssociation {
  /** Always 1 (IPSEC) here. */
  doi: number;
  /** Always SIT_IDENTITY_ONLY (1) here. */
  situation: number;
  proposals: Proposal[];
}

const PROPOSALS_ONLY: ReadonlySet<number> = new Set([PayloadType.PROPOSAL]);

/**
 * RFC 2408 section 3.5: proposal numbers never go down. Two proposals with the
 * same number are one offer of several protocols together (AH AND ESP); a
 * higher number is the next alternative (OR).
 */
function checkOrder(proposals: readonly Proposal[]): void {
  proposals.forEach((p, i) => {
    const before = proposals[i - 1];
    if (before && p.number < before.number) {
      throw new FieldError("Proposal number", p.number, `proposal numbers must not decrease: ${p.number} follows ${before.number}`);
    }
  });
}

function check(doi: number, situation: number, proposals: number): void {
  // Other DOIs (GDOI, 2) give the situation and everything after it another
  // layout: refuse rather than misread (RFC 2408 section 5.4, DOI-NOT-SUPPORTED).
  if (doi !== Doi.IPSEC) throw new FieldError("Domain of interpretation", doi, "only the IPsec DOI (1) is supported");
  // Secrecy and integrity add labelled-domain fields after the situation
  // (RFC 2407 section 4.6.1); nobody sends them, we do not either.
  if (situation !== Situation.IDENTITY_ONLY) throw new FieldError("Situation", situation, "only SIT_IDENTITY_ONLY (1) is supported");
  if (proposals === 0) throw new FieldError("Next payload", 0, "an SA payload carries at least one proposal");
}

export function encodeSa(sa: SecurityAssociation): Uint8Array {
  check(sa.doi, sa.situation, sa.proposals.length);
  checkOrder(sa.proposals);
  const chain = encodeChain(sa.proposals.map((p) => ({ type: PayloadType.PROPOSAL, body: encodeProposal(p) })));
  return new ByteWriter().u32(sa.doi, "Domain of interpretation").u32(sa.situation, "Situation").bytes(chain.bytes).finish();
}

export function decodeSa(body: Uint8Array, base = 0): SecurityAssociation {
  const r = new ByteReader(body, base);
  const doi = r.u32("Domain of interpretation");
  const situation = r.u32("Situation");
  const rest = r.rest();
  check(doi, situation, rest.length);
  const proposals = walkChain(PayloadType.PROPOSAL, rest, PROPOSALS_ONLY, base + 8).map((p) => decodeProposal(p.body, p.offset + 4));
  checkOrder(proposals);
  return { doi, situation, proposals };
}

/**
 * Exercise 08-aggressive-mode/message-1: the initiator's first aggressive
 * mode message, offer, key exchange and identity in one (reference solution).
 *
 * RFC 2409 section 5.4: HDR, SA, KE, Ni, IDii. What main mode spreads over
 * messages 1, 3 and 5 goes out at once. Because the public value is already
 * in this message, the Diffie-Hellman group is fixed before the responder
 * has chosen anything: aggressive mode cannot negotiate it, so every offered
 * transform must name the KE payload's group. The ID payload travels in
 * clear text: aggressive mode gives up the identity protection main mode
 * is named for.
 *
 * Payload order is the seed's (Cisco IOS): SA, the SA vendor IDs (RFC 3947
 * first when NAT traversal is on), KE, Nonce, ID, the key-exchange vendor
 * IDs. Receivers take payloads in any order (strongSwan sends SA, KE, Nonce,
 * ID, then its vendor IDs).
 *
 * Lesson: lessons/08-aggressive-mode.md#message-1
 */
import { FieldError } from "@course/errors.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { encodeIdentification } from "../03-payloads/identification.ts";
import type { Payload } from "../03-payloads/message.ts";
import { encodeSa } from "../03-payloads/sa.ts";
import { clearMessage, type Phase1State, type Step } from "../07-main-mode/exchange.ts";
import { phase1Offer, saVendorIds } from "../07-main-mode/message-1.ts";
import { freshKeyExchange } from "../07-main-mode/message-3.ts";

export function aggressive1(state: Phase1State): Step<Phase1State> {
  if (state.role !== "initiator" || state.mode !== "aggressive" || state.messages !== 0) {
    throw new FieldError("Message", state.messages, "aggressive mode message 1 is the first thing an aggressive mode initiator sends");
  }
  const { config } = state;
  // Throws for an empty offer before anything is drawn from the random source.
  const sa = phase1Offer(config.suites);
  const first = config.suites[0]!;
  const otherGroup = config.suites.find((s) => s.group !== first.group);
  if (otherGroup) {
    throw new FieldError("Group-Description", otherGroup.group, `the KE payload is in group ${first.group}, so every transform must offer group ${first.group}: aggressive mode cannot negotiate the group (RFC 2409 section 5.4)`);
  }
  const dh = freshKeyExchange(config, first);
  // HASH_I covers the ID body as sent, HASH_I and HASH_R the SA body as
  // sent (RFC 2409 section 5): both are kept from the very encodings sent.
  const saiB = encodeSa(sa);
  const idB = encodeIdentification(config.identity);
  const payloads: Payload[] = [
    { type: PayloadType.SA, sa },
    ...saVendorIds(config).map((data) => ({ type: PayloadType.VENDOR_ID, data })),
    { type: PayloadType.KEY_EXCHANGE, data: dh.publicValue },
    { type: PayloadType.NONCE, data: dh.nonce },
    { type: PayloadType.IDENTIFICATION, id: config.identity },
    ...config.vendorIds.keyExchange.map((data) => ({ type: PayloadType.VENDOR_ID, data })),
  ];
  const next: Phase1State = { ...state, saiB, x: dh.x, gxi: dh.publicValue, ni: dh.nonce, idB, messages: 1 };
  return { state: next, send: clearMessage(state, payloads) };
}

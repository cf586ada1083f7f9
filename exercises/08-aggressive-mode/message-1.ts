/**
 * Exercise 08-aggressive-mode/message-1: the initiator's first aggressive
 * mode message: offer, key exchange and identity in one
 *
 * RFC 2409 section 5.4: HDR, SA, KE, Ni, IDii. Reuse your chapter 07 code:
 * phase1Offer and saVendorIds (../07-main-mode/message-1.ts),
 * freshKeyExchange (../07-main-mode/message-3.ts), clearMessage
 * (../07-main-mode/exchange.ts), encodeSa and encodeIdentification (chapter 03).
 *
 * `aggressive1(state)` takes `initiatorState("aggressive", config)`:
 * 1. Refuse a state that is not an aggressive mode initiator with 0 messages:
 *    FieldError("Message", state.messages, reason).
 * 2. The offer: phase1Offer(config.suites) (it refuses an empty list). The
 *    public value goes out before the responder has chosen, so aggressive
 *    mode cannot negotiate the Diffie-Hellman group: if any suite's group
 *    differs from the first suite's, throw FieldError("Group-Description",
 *    that suite's group, reason).
 * 3. freshKeyExchange(config, first suite): private value, then nonce, both
 *    from config.random (in that order: the tests replay the same octets).
 * 4. The message, payloads in this order (the seed's):
 *      SA, one Vendor ID per saVendorIds(config), KE (g^xi), Nonce (Ni),
 *      Identification (config.identity), one Vendor ID per
 *      config.vendorIds.keyExchange
 *    with the state's cookies (responder cookie zero), exchange type
 *    Aggressive (4), no flags, Message ID 0.
 * 5. The next state: messages 1, and what HASH_I and HASH_R will need:
 *    saiB (the SA body as sent), x, gxi, ni, idB (the ID body as sent).
 *
 * Configured like the seed's R1 the message is 388 octets, as in the seed.
 *
 * Lesson: lessons/08-aggressive-mode.md#message-1
 */
import { todo } from "@course/todo.ts";
import type { Phase1State, Step } from "../07-main-mode/exchange.ts";

export function aggressive1(state: Phase1State): Step<Phase1State> {
  return todo("aggressive1");
}

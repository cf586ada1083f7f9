/**
 * Exercise 07-main-mode/message-4: the responder takes the initiator's
 * public value and nonce, answers with its own, and derives the keys.
 *
 * Write mainMode4(state, datagram), for a responder that has sent message 2
 * and nothing since, with an agreed suite (else FieldError "Message"):
 * 1. decodeMessage, then acceptHeader.
 * 2. gxi = the data of onePayload(Key Exchange); checkPeerPublic (chapter
 *    05) on it in the suite's group, before anything else is computed.
 *    ni = the data of onePayload(Nonce).
 * 3. nat: when state.natT, detectNat(state, the suite's hash, the NAT-D
 *    payloads' data in order, config.local, config.remote); otherwise
 *    { localBehindNat: false, remoteBehindNat: false }.
 * 4. freshKeyExchange (message-3): our x, gxr and nr, drawn after all checks.
 * 5. The state with x, gxi, gxr, ni, nr, nat, messages 4; phase1Keys on it
 *    gives keys and iv, which go in the returned state too.
 * 6. send = clearMessage(state, keyExchangePayloads(state, gxr, nr)).
 *
 * Configured like the seed's R2, message 4 is 304 octets.
 *
 * Lesson: lessons/07-main-mode.md#message-4
 */
import { todo } from "@course/todo.ts";
import type { Phase1State, Step } from "./exchange.ts";

export function mainMode4(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode4");
}

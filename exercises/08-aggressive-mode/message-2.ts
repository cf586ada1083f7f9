/**
 * Exercise 08-aggressive-mode/message-2: the responder's choice, key
 * exchange, identity and proof, all in one clear-text message
 *
 * RFC 2409 section 5.4: HDR, SA, KE, Nr, IDir, HASH_R, where
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b).
 * Reuse chapter 07: responderState, acceptHeader, onePayload, clearMessage
 * (exchange.ts), saVendorIds (message-1.ts), peerSupportsNatT and
 * saBodyAsSent (message-2.ts), freshKeyExchange (message-3.ts), phase1Keys
 * (keys.ts), authHash (message-5.ts), natDetectionPayloads
 * (nat-detection.ts); selectPhase1 (chapter 04), checkPeerPublic (chapter 05).
 *
 * `aggressive2(config, datagram)`:
 * 1. Decode message 1 (chapter 03 decodeMessage), make the responder state
 *    (responderState("aggressive", ...) then acceptHeader).
 * 2. Exactly one SA, KE, Nonce and Identification payload, in any order:
 *    onePayload throws NegotiationError PAYLOAD-MALFORMED (16) otherwise.
 *    Look them all up before choosing anything.
 * 3. selectPhase1(offer, { suites: config.suites, prefer: config.prefer })
 *    (NegotiationError NO-PROPOSAL-CHOSEN when nothing fits), then
 *    checkPeerPublic(group of the chosen suite, g^xi): a KE of another group
 *    has the wrong length.
 * 4. natT = config.natTraversal and the peer sent the RFC 3947 vendor ID.
 * 5. freshKeyExchange(config, chosen suite): x and g^xr, then Nr.
 * 6. State with saiB (as sent), suite, natT, x, gxi, gxr, ni, nr, idB (our
 *    ID body), peerId (the initiator's Identification), messages 2; then
 *    phase1Keys(state) gives keys and iv: keep both in the state.
 * 7. Message 2, payloads in the seed's order:
 *      SA (the choice's reply), one Vendor ID per saVendorIds(config) if natT
 *      else per config.vendorIds.sa, one Vendor ID per
 *      config.vendorIds.keyExchange, KE (g^xr), Identification
 *      (config.identity), Nonce (Nr), Hash (authHash(state, "responder",
 *      idB)), and if natT the two NAT-D payloads of
 *      natDetectionPayloads(state, keys.hash, config.local, config.remote).
 *
 * Lesson: lessons/08-aggressive-mode.md#message-2
 */
import { todo } from "@course/todo.ts";
import type { Phase1Config, Phase1State, Step } from "../07-main-mode/exchange.ts";

export function aggressive2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State> {
  return todo("aggressive2");
}

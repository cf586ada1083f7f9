/**
 * Exercise 08-aggressive-mode/message-3: the initiator checks HASH_R and
 * sends HASH_I encrypted; the responder checks HASH_I
 *
 * RFC 2409 section 5.4: HDR, HASH_I, with
 *   HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b).
 * The RFC leaves message 3 in clear; the seed's routers and strongSwan
 * encrypt it, with the phase 1 key and the first IV. Reuse chapter 07:
 * acceptHeader, onePayload, payloadsOf, exchangeTypeOf (exchange.ts),
 * chosenSuite (message-3.ts), peerSupportsNatT (message-2.ts), phase1Keys
 * (keys.ts), authHash and keysOf (message-5.ts), establish (message-6.ts),
 * sealMessage and openMessage (encryption.ts), natDetectionPayloads and
 * detectNat (nat-detection.ts); checkPeerPublic (chapter 05).
 *
 * 1. `aggressive3(state, datagram)`, the initiator after aggressive1:
 *    - refuse a state that is not an aggressive initiator with 1 message:
 *      FieldError("Message", state.messages, reason);
 *    - decode message 2, acceptHeader (it learns the responder's cookie);
 *      exactly one SA, KE, Nonce, Identification and Hash payload;
 *      chosenSuite(SA, config.suites); checkPeerPublic(group, g^xr);
 *    - natT = config.natTraversal and the peer sent the RFC 3947 vendor ID;
 *    - state with suite, natT, gxr, nr, peerId; phase1Keys gives keys, iv;
 *    - HASH_R must equal authHash(state, "responder", encodeIdentification(peerId)),
 *      else NegotiationError(AUTHENTICATION-FAILED 24, "Hash DATA", a reason
 *      that says "pre-shared keys differ?");
 *    - nat: with natT, detectNat(state, keys.hash, the NAT-D payloads' data,
 *      config.local, config.remote); without, no NAT on either side;
 *    - message 3: Hash (authHash(state, "initiator", state.idB)), then with
 *      natT the two natDetectionPayloads(state, keys.hash, local, remote)
 *      where { local, remote } = transportEndpoints({ ...state, nat })
 *      (message-5.ts): the ports message 3 travels on, 4500 once a NAT was
 *      seen, as strongSwan hashes them; sealed with sealMessage(..., keys,
 *      iv): exchange type Aggressive, flags { encryption: true, ... },
 *      Message ID 0;
 *    - next state: nat, iv = the sealed nextIv, messages 3; return
 *      { state, send, established: establish(state) }.
 * 2. `aggressiveFinish(state, datagram, arrival = state.config)`, the
 *    responder after aggressive2; `arrival` is where message 3 arrived
 *    (local) and came from (remote), UDP 4500 after the initiator moved:
 *    - refuse a state that is not an aggressive responder with 2 messages
 *      (FieldError "Message");
 *    - acceptHeader; if the E flag is set openMessage(datagram, keys,
 *      state.iv) (a PacketError from it, other than for the fields "Flags"
 *      and "Encrypted Data", means noise: NegotiationError AUTHENTICATION-FAILED
 *      with "pre-shared keys differ?"), the IV becomes its nextIv; if the
 *      flag is clear decodeMessage, the IV stays;
 *    - HASH_I must equal authHash(state, "initiator",
 *      encodeIdentification(state.peerId)), else AUTHENTICATION-FAILED as above;
 *    - nat: with natT, detectNat(state, keys.hash, the NAT-D payloads'
 *      data, arrival.local, arrival.remote); without, no NAT on either side;
 *    - return { state (nat, iv, messages 3), established: establish(state) }.
 *
 * Lesson: lessons/08-aggressive-mode.md#message-3
 */
import { todo } from "@course/todo.ts";
import type { Endpoint, Phase1State, Step } from "../07-main-mode/exchange.ts";

/** Where a datagram arrived (`local`) and came from (`remote`), as its UDP/IP headers say. */
export interface Arrival {
  readonly local: Endpoint;
  readonly remote: Endpoint;
}

export function aggressive3(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("aggressive3");
}

export function aggressiveFinish(state: Phase1State, datagram: Uint8Array, arrival: Arrival = state.config): Step<Phase1State> {
  return todo("aggressiveFinish");
}

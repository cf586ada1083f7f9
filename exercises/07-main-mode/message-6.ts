/**
 * Exercise 07-main-mode/message-6: the responder checks the initiator's
 * proof, proves itself, and the IKE SA exists.
 *
 * RFC 2409 section 5: message 5 is HDR*, IDii, HASH_I; message 6 is HDR*,
 * IDir, HASH_R, each encrypted with the previous message's last ciphertext
 * block as IV.
 *
 * 1. `openIdentity(state, datagram)` (the initiator uses it for message 6):
 *    - acceptHeader(state, decodeHeader(datagram)): its errors pass through;
 *    - state.iv missing: FieldError("IV", "missing", ...);
 *    - openMessage(datagram, keysOf(state), iv). If it throws a PacketError
 *      (from "@course/errors.ts") whose field is not "Flags" nor "Encrypted
 *      Data", the key is not the sender's: throw NegotiationError(24
 *      AUTHENTICATION-FAILED, "Encrypted Data", reason) whose reason ends
 *      with "the pre-shared keys differ?". Other errors pass through;
 *    - a payload other than ID, HASH, Notification or Vendor ID:
 *      NegotiationError(1 INVALID-PAYLOAD-TYPE, "Next payload", ...);
 *      exactly one ID and one HASH (onePayload);
 *    - the peer's hash: authHash(state, the PEER's role,
 *      encodeIdentification(the received ID)). Different from the HASH
 *      payload: NegotiationError(24, "Hash DATA", reason with "the
 *      pre-shared keys differ?").
 *    Return {...accepted state, peerId: the received ID, iv: openMessage's nextIv}.
 * 2. `establish(state)`: the IkeSa: role, mode, cookies, suite, keys
 *    (keysOf), lastIv = state.iv, natT (false if unset), nat (no NAT if
 *    unset), local/remote = transportEndpoints(state), localId =
 *    config.identity, peerId. Missing suite, iv or peerId:
 *    FieldError("Transform" / "IV" / "Identification", "missing", ...).
 * 3. `mainMode6(state, datagram)`: only for a responder with messages 4,
 *    else FieldError("Message", state.messages, ...). openIdentity, then
 *    sealIdentity({...verified, messages: 6}); return { state, send,
 *    established: establish(that state) }.
 *
 * Lesson: lessons/07-main-mode.md#message-6
 */
import { todo } from "@course/todo.ts";
import type { IkeSa, Phase1State, Step } from "./exchange.ts";

export function openIdentity(state: Phase1State, datagram: Uint8Array): Phase1State {
  return todo("openIdentity");
}

export function establish(state: Phase1State): IkeSa {
  return todo("establish");
}

export function mainMode6(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode6");
}

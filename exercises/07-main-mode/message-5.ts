/**
 * Exercise 07-main-mode/message-5: the initiator takes the responder's
 * public value and nonce, derives the keys, and proves who it is, encrypted.
 *
 * RFC 2409 section 5: message 4 is HDR, KE, Nr (+ NAT-D x2 with NAT-T);
 * message 5 is HDR*, IDii, HASH_I (the * means encrypted).
 *
 * 1. `transportEndpoints(state)`: { local, remote } = state.config's
 *    endpoints; if state.natT is true and state.nat says either side is
 *    behind a NAT, both ports become NAT_T_PORT (4500), addresses unchanged
 *    (RFC 3947 section 4).
 * 2. `keysOf(state)`: state.keys, or FieldError("Keys", "missing", reason).
 * 3. `authHash(state, who, idB)`: HASH_I when who is "initiator", HASH_R
 *    when "responder" (chapter 06 hashI/hashR with keys.hash and
 *    keys.skeyid; transcript gxi, gxr, ckyI, ckyR, saiB from the state).
 *    A missing gxi/gxr: FieldError("Key Exchange Data", "missing", ...);
 *    missing saiB: FieldError("SA payload", "missing", ...).
 * 4. `sealIdentity(state, extra = [])`: idB = encodeIdentification(
 *    config.identity); payloads ID (config.identity), HASH (authHash(state,
 *    state.role, idB)), then `extra` (e.g. an INITIAL-CONTACT notify);
 *    sealMessage them (encryption exercise) with our cookies, this mode's
 *    exchange type, Message ID 0, keysOf(state) and state.iv (missing:
 *    FieldError("IV", "missing", ...)). Return { state: {...state, idB,
 *    iv: the sealed nextIv}, send: the datagram }. Message 6 uses it too.
 * 5. `mainMode5(state, datagram)`: only for an initiator with messages 3
 *    and a suite, else FieldError("Message", state.messages, ...). Decode
 *    the message (chapter 03) and acceptHeader it; peerKeyExchange
 *    (message-4: the responder's KE checked, its Nonce, and the NAT status
 *    from its NAT-D) gives gxr, nr and nat.
 *    State {...accepted, gxr, nr, nat, messages: 5}; phase1Keys gives keys
 *    and the first IV; return sealIdentity of that state with keys and iv.
 *
 * Lesson: lessons/07-main-mode.md#message-5
 */
import { todo } from "@course/todo.ts";
import type { Payload } from "../03-payloads/message.ts";
import type { Endpoint, Phase1Keys, Phase1State, Role, Step } from "./exchange.ts";

/** RFC 3947 section 4: the port IKE moves to once a NAT is detected. */
export const NAT_T_PORT = 4500;

export function transportEndpoints(state: Phase1State): { local: Endpoint; remote: Endpoint } {
  return todo("transportEndpoints");
}

export function keysOf(state: Phase1State): Phase1Keys {
  return todo("keysOf");
}

export function authHash(state: Phase1State, who: Role, idB: Uint8Array): Uint8Array {
  return todo("authHash");
}

export function sealIdentity(state: Phase1State, extra: readonly Payload[] = []): { state: Phase1State; send: Uint8Array } {
  return todo("sealIdentity");
}

export function mainMode5(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainMode5");
}

/**
 * Exercise 07-main-mode/finish: the initiator checks the responder's proof
 * and main mode is over.
 *
 * `mainModeFinish(state, datagram)`: only for an initiator with messages 5,
 * else FieldError("Message", state.messages, ...). openIdentity (message-6
 * exercise) decrypts message 6 with message 5's last ciphertext block and
 * checks HASH_R; the state becomes {...that, messages: 6}. Return
 * { state, established: establish(state) } and nothing to send: nothing
 * answers message 6. The IKE SA's lastIv is message 6's last ciphertext
 * block, where quick mode's IVs start (RFC 2409 Appendix B).
 *
 * Lesson: lessons/07-main-mode.md#finish
 */
import { todo } from "@course/todo.ts";
import type { Phase1State, Step } from "./exchange.ts";

export function mainModeFinish(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  return todo("mainModeFinish");
}

/**
 * Exercise 07-main-mode/finish: the initiator checks the responder's proof
 * and main mode is over (reference solution).
 *
 * RFC 2409 section 5: message 6 is HDR*, IDir, HASH_R, encrypted with
 * message 5's last ciphertext block as IV. The initiator recomputes
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) over the
 * ID body it received; equal means the responder knows the pre-shared key.
 * Message 6's last ciphertext block is the last CBC block of phase 1: quick
 * mode and informational exchanges hash it with their Message ID for their
 * first IV (Appendix B), so it goes into the IKE SA as lastIv.
 *
 * Nothing answers message 6. If it is lost, the initiator's retransmitted
 * message 5 makes the responder send it again (see retransmit).
 *
 * Lesson: lessons/07-main-mode.md#finish
 */
import { FieldError } from "@course/errors.ts";
import type { Phase1State, Step } from "./exchange.ts";
import { establish, openIdentity } from "./message-6.ts";

export function mainModeFinish(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "initiator" || state.messages !== 5) {
    throw new FieldError("Message", state.messages, "message 6 is for an initiator that has sent message 5 and nothing after it");
  }
  const next: Phase1State = { ...openIdentity(state, datagram), messages: 6 };
  return { state: next, established: establish(next) };
}

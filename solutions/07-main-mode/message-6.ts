/**
 * Exercise 07-main-mode/message-6: the responder checks the initiator's
 * proof, proves itself, and the IKE SA exists (reference solution).
 *
 * RFC 2409 section 5: message 5 is HDR*, IDii, HASH_I; message 6 is HDR*,
 * IDir, HASH_R. The responder decrypts message 5 with the phase-1 IV,
 * recomputes HASH_I over the ID body it received and compares: equal means
 * the initiator derived the same SKEYID, so it knows the pre-shared key and
 * saw the same offer, cookies and public values. Then it sends its own ID
 * and HASH_R, encrypted with message 5's last ciphertext block as IV.
 *
 * A wrong pre-shared key shows here first: the two sides' SKEYIDs differ,
 * so does the encryption key, and message 5 decrypts to noise (or, in one
 * exchange in a great many, to payloads whose hash does not match). Either
 * way the answer is AUTHENTICATION-FAILED (24, RFC 2408 section 3.14.1), and
 * the reason says what most likely happened.
 *
 * Lesson: lessons/07-main-mode.md#message-6
 */
import { FieldError, NegotiationError, PacketError } from "@course/errors.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PAYLOAD_TYPE_NAMES, PayloadType } from "@course/isakmp-names.ts";
import { toHex } from "../01-bytes/hex.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { encodeIdentification } from "../03-payloads/identification.ts";
import type { IsakmpMessage } from "../03-payloads/message.ts";
import { openMessage } from "./encryption.ts";
import { acceptHeader, onePayload, type IkeSa, type Phase1State, type Role, type Step } from "./exchange.ts";
import { authHash, keysOf, sealIdentity, transportEndpoints } from "./message-5.ts";

const PSK_HINT = "the pre-shared keys differ?";

/** The payloads message 5 and 6 may carry besides ID and HASH: notifications (INITIAL-CONTACT) and vendor IDs. */
const OPTIONAL: ReadonlySet<number> = new Set([PayloadType.NOTIFICATION, PayloadType.VENDOR_ID]);

function checkShape(m: IsakmpMessage, label: string): void {
  const odd = m.payloads.find((p) => p.type !== PayloadType.IDENTIFICATION && p.type !== PayloadType.HASH && !OPTIONAL.has(p.type));
  if (odd) {
    const name = `${PAYLOAD_TYPE_NAMES.get(odd.type) ?? "Unknown"} (${odd.type})`;
    throw new NegotiationError(NotifyType.INVALID_PAYLOAD_TYPE, "Next payload", `${label} carries ID, HASH and notifications, not a ${name} payload (RFC 2409 section 5)`);
  }
}

/**
 * Decrypts the peer's message 5 (we are the responder) or 6 (initiator),
 * checks its ID and HASH, and returns the state with the peer's identity
 * and the next IV. Header errors (not this exchange) pass through as they
 * are; anything wrong after decryption is AUTHENTICATION-FAILED.
 */
export function openIdentity(state: Phase1State, datagram: Uint8Array): Phase1State {
  const peer: Role = state.role === "initiator" ? "responder" : "initiator";
  const label = peer === "initiator" ? "message 5" : "message 6";
  const hashName = peer === "initiator" ? "HASH_I" : "HASH_R";
  const accepted = acceptHeader(state, decodeHeader(datagram));
  const iv = accepted.iv;
  if (iv === undefined) throw new FieldError("IV", "missing", `the exchange state must hold the IV before ${label} can be decrypted`);
  let opened: ReturnType<typeof openMessage>;
  try {
    opened = openMessage(datagram, keysOf(accepted), iv);
  } catch (e) {
    // The header was ours and the ciphertext whole blocks, so the key or IV
    // is not the sender's: the decrypted octets are noise. A key from
    // another PSK is the usual cause.
    if (e instanceof PacketError && e.field !== "Flags" && e.field !== "Encrypted Data") {
      throw new NegotiationError(NotifyType.AUTHENTICATION_FAILED, "Encrypted Data", `${label} does not decrypt to payloads (${e.message}): ${PSK_HINT}`);
    }
    throw e;
  }
  const m = opened.message;
  checkShape(m, label);
  const id = onePayload(m, PayloadType.IDENTIFICATION).id;
  const received = onePayload(m, PayloadType.HASH).data;
  // The hash covers the ID body as it was sent; the course's ID types
  // encode back to exactly the octets they were decoded from.
  const expected = authHash(accepted, peer, encodeIdentification(id));
  if (toHex(received) !== toHex(expected)) {
    throw new NegotiationError(NotifyType.AUTHENTICATION_FAILED, "Hash DATA", `${hashName} in ${label} is ${toHex(received)}, we compute ${toHex(expected)}: ${PSK_HINT} (or the offer, cookies or public values were altered on the way)`);
  }
  return { ...accepted, peerId: id, iv: opened.nextIv };
}

/**
 * The IKE SA a finished phase 1 leaves: its keys, the last CBC block of
 * phase 1 (quick mode and informational IVs start from it, RFC 2409
 * Appendix B), the NAT findings and the endpoints after any move to 4500.
 * Main mode and aggressive mode end here alike.
 */
export function establish(state: Phase1State): IkeSa {
  const missing = (field: string): never => {
    throw new FieldError(field, "missing", "phase 1 is not complete: the exchange state lacks it");
  };
  const { local, remote } = transportEndpoints(state);
  return {
    role: state.role,
    mode: state.mode,
    ckyI: state.ckyI,
    ckyR: state.ckyR,
    suite: state.suite ?? missing("Transform"),
    keys: keysOf(state),
    lastIv: state.iv ?? missing("IV"),
    natT: state.natT ?? false,
    nat: state.nat ?? { localBehindNat: false, remoteBehindNat: false },
    local,
    remote,
    localId: state.config.identity,
    peerId: state.peerId ?? missing("Identification"),
  };
}

export function mainMode6(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "responder" || state.messages !== 4) {
    throw new FieldError("Message", state.messages, "message 5 is for a responder that has sent message 4 and nothing after it");
  }
  const verified = openIdentity(state, datagram);
  const { state: next, send } = sealIdentity({ ...verified, messages: 6 });
  return { state: next, send, established: establish(next) };
}

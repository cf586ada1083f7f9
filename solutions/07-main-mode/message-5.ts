/**
 * Exercise 07-main-mode/message-5: the initiator takes the responder's
 * public value and nonce, derives the keys, and proves who it is, encrypted
 * (reference solution).
 *
 * RFC 2409 section 5: message 4 is HDR, KE, Nr (with NAT-T, RFC 3947
 * section 3.2, two or more NAT-D). After it the initiator holds g^xy and the
 * keys. Message 5 is HDR*, IDii, HASH_I: the asterisk says the payloads are
 * encrypted (section 3.2), which is why main mode is "identity protection":
 * an eavesdropper never sees who authenticates. With a pre-shared key the
 * proof is the hash itself, HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R
 * | SAi_b | IDii_b): only a peer that knows the key gets SKEYID right.
 *
 * NAT-T: when a NAT was seen, the initiator sends message 5 from port 4500
 * to port 4500 (RFC 3947 section 4), behind the 4-octet non-ESP marker
 * (RFC 3948 section 2.2). The marker and the ports are the transport's job;
 * `transportEndpoints` says which ports the exchange uses from now on.
 *
 * Lesson: lessons/07-main-mode.md#message-5
 */
import { FieldError } from "@course/errors.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { encodeIdentification } from "../03-payloads/identification.ts";
import { decodeMessage, type Payload } from "../03-payloads/message.ts";
import { hashI, hashR, type Phase1Transcript } from "../06-phase1-keys/auth-hash.ts";
import { sealMessage } from "./encryption.ts";
import { acceptHeader, exchangeTypeOf, type Endpoint, type Phase1Keys, type Phase1State, type Role, type Step } from "./exchange.ts";
import { phase1Keys } from "./keys.ts";
import { peerKeyExchange } from "./message-4.ts";

/** RFC 3947 section 4: the port IKE moves to once a NAT is detected. */
export const NAT_T_PORT = 4500;

/**
 * Where the exchange's datagrams go from message 5 on: the configured
 * endpoints, or both ports moved to 4500 when NAT-T was agreed and the
 * NAT-D payloads showed a NAT on either side (RFC 3947 section 4). The
 * addresses do not change.
 */
export function transportEndpoints(state: Phase1State): { local: Endpoint; remote: Endpoint } {
  const { local, remote } = state.config;
  const float = state.natT === true && state.nat !== undefined && (state.nat.localBehindNat || state.nat.remoteBehindNat);
  return float ? { local: { ...local, port: NAT_T_PORT }, remote: { ...remote, port: NAT_T_PORT } } : { local, remote };
}

function need<T>(value: T | undefined, field: string, step: string): T {
  if (value === undefined) throw new FieldError(field, "missing", `the exchange state must hold it before ${step}`);
  return value;
}

/** The keys of a state that has them (after message 4). */
export function keysOf(state: Phase1State): Phase1Keys {
  return need(state.keys, "Keys", "anything is encrypted (messages 3 and 4 derive them)");
}

/**
 * HASH_I (`who` = "initiator") or HASH_R ("responder") over an ID payload
 * body, from the values the exchange has gathered (RFC 2409 section 5).
 * Both use the initiator's SA body; HASH_R swaps public values and cookies.
 */
export function authHash(state: Phase1State, who: Role, idB: Uint8Array): Uint8Array {
  const step = "HASH_I and HASH_R (messages 1 to 4 fill it)";
  const keys = keysOf(state);
  const t: Phase1Transcript = {
    gxi: need(state.gxi, "Key Exchange Data", step),
    gxr: need(state.gxr, "Key Exchange Data", step),
    ckyI: state.ckyI,
    ckyR: state.ckyR,
    saiB: need(state.saiB, "SA payload", step),
  };
  return who === "initiator" ? hashI(keys.hash, keys.skeyid, t, idB) : hashR(keys.hash, keys.skeyid, t, idB);
}

/**
 * Our ID payload and the HASH over it, encrypted with the exchange's IV:
 * message 5 for the initiator, message 6 for the responder. Returns the
 * datagram and the state with our ID body and the next IV (the last
 * ciphertext block).
 */
export function sealIdentity(state: Phase1State, extra: readonly Payload[] = []): { state: Phase1State; send: Uint8Array } {
  const idB = encodeIdentification(state.config.identity);
  const payloads: Payload[] = [
    { type: PayloadType.IDENTIFICATION, id: state.config.identity },
    { type: PayloadType.HASH, data: authHash(state, state.role, idB) },
    ...extra,
  ];
  const sealed = sealMessage(
    {
      initiatorSpi: state.ckyI,
      responderSpi: state.ckyR,
      exchangeType: exchangeTypeOf(state.mode),
      flags: { encryption: true, commit: false, authenticationOnly: false },
      messageId: 0,
      payloads,
    },
    keysOf(state),
    need(state.iv, "IV", "a message is encrypted (message 4 sets the first one)"),
  );
  return { state: { ...state, idB, iv: sealed.nextIv }, send: sealed.datagram };
}

export function mainMode5(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "initiator" || state.messages !== 3 || !state.suite) {
    throw new FieldError("Message", state.messages, "message 4 is for an initiator that has sent message 3 and nothing after it");
  }
  const m = decodeMessage(datagram);
  const accepted = acceptHeader(state, decodeHeader(datagram));
  // The responder's KE, Nonce and NAT-D, read as the responder read ours.
  const peer = peerKeyExchange(state, m);
  const withDh: Phase1State = { ...accepted, gxr: peer.publicValue, nr: peer.nonce, nat: peer.nat, messages: 5 };
  const { keys, iv } = phase1Keys(withDh);
  return sealIdentity({ ...withDh, keys, iv });
}

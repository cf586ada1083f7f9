/**
 * Exercise 07-main-mode/exchange: the state one phase 1 exchange carries from
 * message to message, and the checks every arriving message must pass before
 * its payloads are looked at.
 *
 * Write:
 * - exchangeTypeOf(mode): 2 (Identity Protection) for main mode, 4 for aggressive.
 * - initiatorState(mode, config): role "initiator", messages 0, ckyI = 8 octets
 *   from config.random (draw again if all zero), ckyR = 8 zero octets.
 * - responderState(mode, config, header of message 1): keeps the initiator's
 *   cookie (FieldError "Initiator SPI" if it is zero; FieldError "Responder SPI"
 *   if the responder cookie is not zero), draws its own cookie the same way.
 * - acceptHeader(state, header): FieldError naming "Version" (major must be 1),
 *   "Exchange type", "Message ID" (must be 0), "Initiator SPI" or "Responder SPI"
 *   (must be this exchange's). While our ckyR is still zero, an initiator learns
 *   the responder cookie from the header (it must not be zero) and returns the
 *   state with it; otherwise the state is returned unchanged. A responder
 *   that has accepted nothing yet (messages 0) is reading message 1: there
 *   the Responder SPI must be zero (FieldError "Responder SPI" otherwise).
 * - payloadsOf(message, type): the payloads of that type, in order.
 * - onePayload(message, type): the one payload of that type; none or several:
 *   NegotiationError PAYLOAD-MALFORMED (16) whose field is Wireshark's
 *   payload name with its number, e.g. "Security Association (1)"
 *   (PAYLOAD_TYPE_NAMES from "@course/isakmp-names.ts").
 * - clearMessage(state, payloads): encodeMessage (chapter 03) with our
 *   cookies, exchangeTypeOf(state.mode), all flags clear, Message ID 0.
 *
 * Each later step of chapters 07 and 08 is a pure function: it takes this
 * state and the peer's datagram and returns the next state plus what to send.
 * Nothing is hidden in globals, so a step can be tested, replayed after a
 * retransmission, or driven by a socket loop alike.
 *
 * RFC 2408 section 2.5.3 and 3.1: the initiator's cookie is chosen by the
 * initiator and never zero; the responder's is zero in the first message and
 * fixed by the responder's first reply. Phase 1 always has Message ID 0
 * (section 3.1); version 1.0 (RFC 2409 section 5).
 *
 * Lesson: lessons/07-main-mode.md#exchange
 */
import { todo } from "@course/todo.ts";
import type { CipherName, HashName } from "@course/ike-algorithms.ts";
import type { IsakmpHeader } from "../02-isakmp-header/header.ts";
import type { Identification } from "../03-payloads/identification.ts";
import type { IsakmpMessage, Payload } from "../03-payloads/message.ts";
import type { IkeSuite } from "../04-negotiation/ike-transform.ts";
import type { Preference } from "../04-negotiation/phase1.ts";
import type { RandomSource } from "../05-diffie-hellman/keypair.ts";

/** An IPv4 address and UDP port as the packets carry them. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type Role = "initiator" | "responder";
export type Phase1Mode = "main" | "aggressive";

/** One side's phase 1 settings: the seed's `crypto isakmp policy` and `crypto isakmp key`. */
export interface Phase1Config {
  /** Where our datagrams leave from and go to (UDP 500 at the start). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** The pre-shared key, as octets (the seed's "cisco" is 5 ASCII octets). */
  readonly psk: Uint8Array;
  /** Initiator: the transforms offered, in this order, in one proposal. Responder: its policy, most preferred first. */
  readonly suites: readonly IkeSuite[];
  /** Responder only: whose order decides (chapter 04). */
  readonly prefer: Preference;
  /** Our Identification payload: ID_IPV4_ADDR of our address, protocol 17, port 500 in the seed. */
  readonly identity: Identification;
  /** Length of our Nonce data: 20 octets on the seed's routers, 32 on strongSwan. */
  readonly nonceBytes: number;
  /** Send the RFC 3947 vendor ID and NAT-D payloads, and float to UDP 4500 when a NAT is seen. */
  readonly natTraversal: boolean;
  /**
   * Further vendor IDs: `sa` goes with the SA payload (after RFC 3947's own
   * vendor ID when natTraversal is on), `keyExchange` with the KE and Nonce.
   */
  readonly vendorIds: { readonly sa: readonly Uint8Array[]; readonly keyExchange: readonly Uint8Array[] };
  /** Cookies, private values and nonces come from here; tests pass a seeded source. */
  readonly random: RandomSource;
}

/** The keys of an established or nearly established IKE SA (chapter 06). */
export interface Phase1Keys {
  readonly hash: HashName;
  readonly cipher: CipherName;
  readonly skeyid: Uint8Array;
  readonly skeyid_d: Uint8Array;
  readonly skeyid_a: Uint8Array;
  readonly skeyid_e: Uint8Array;
  /** The cipher key, expanded from SKEYID_e when needed (RFC 2409 Appendix B). */
  readonly encKey: Uint8Array;
}

/** RFC 3947 section 3.2: which side's address the NAT-D hashes show as rewritten. */
export interface NatStatus {
  readonly localBehindNat: boolean;
  readonly remoteBehindNat: boolean;
}

export interface Phase1State {
  readonly role: Role;
  readonly mode: Phase1Mode;
  readonly config: Phase1Config;
  readonly ckyI: Uint8Array;
  /** Eight zero octets until the responder has chosen its cookie. */
  readonly ckyR: Uint8Array;
  /** How many messages of this exchange have been sent or accepted so far. */
  readonly messages: number;
  /** The initiator's SA payload body, as sent: HASH_I and HASH_R cover it. */
  readonly saiB?: Uint8Array;
  /** What was agreed (chapter 04). */
  readonly suite?: IkeSuite;
  /** Both sides sent the RFC 3947 vendor ID. */
  readonly natT?: boolean;
  /** Our Diffie-Hellman private value and both public values, fixed-length KE data. */
  readonly x?: bigint;
  readonly gxi?: Uint8Array;
  readonly gxr?: Uint8Array;
  /** Nonce payload bodies. */
  readonly ni?: Uint8Array;
  readonly nr?: Uint8Array;
  readonly keys?: Phase1Keys;
  /** The IV for the next encrypted message of this exchange. */
  readonly iv?: Uint8Array;
  readonly nat?: NatStatus;
  /** Our own ID payload body as sent, and the peer's as received. */
  readonly idB?: Uint8Array;
  readonly peerId?: Identification;
}

/** An established IKE SA: what quick mode and informational exchanges build on. */
export interface IkeSa {
  readonly role: Role;
  readonly mode: Phase1Mode;
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  readonly suite: IkeSuite;
  readonly keys: Phase1Keys;
  /** The last CBC block of phase 1: phase 2 and informational IVs hash it with their Message ID. */
  readonly lastIv: Uint8Array;
  readonly natT: boolean;
  readonly nat: NatStatus;
  /** The endpoints after any move to UDP 4500 (RFC 3947 section 4). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly localId: Identification;
  readonly peerId: Identification;
}

/** What a step returns: the next state, a datagram to send (the ISAKMP message, no UDP header), and the SA once established. */
export interface Step<S> {
  readonly state: S;
  readonly send?: Uint8Array;
  readonly established?: IkeSa;
}

export function exchangeTypeOf(mode: Phase1Mode): number {
  return todo("exchangeTypeOf");
}

export function initiatorState(mode: Phase1Mode, config: Phase1Config): Phase1State {
  return todo("initiatorState");
}

export function responderState(mode: Phase1Mode, config: Phase1Config, first: IsakmpHeader): Phase1State {
  return todo("responderState");
}

export function acceptHeader(state: Phase1State, h: IsakmpHeader): Phase1State {
  return todo("acceptHeader");
}

/**
 * The member of the Payload union whose type can be T: PayloadOf<1> has `sa`,
 * PayloadOf<10> (Nonce) has `data`.
 */
export type PayloadOf<T extends Payload["type"], P = Payload> = P extends { type: infer U } ? (T extends U ? P & { type: T } : never) : never;

export function payloadsOf<T extends Payload["type"]>(m: IsakmpMessage, type: T): PayloadOf<T>[] {
  return todo("payloadsOf");
}

export function onePayload<T extends Payload["type"]>(m: IsakmpMessage, type: T): PayloadOf<T> {
  return todo("onePayload");
}

export function clearMessage(state: Phase1State, payloads: Payload[]): Uint8Array {
  return todo("clearMessage");
}

/**
 * Exercise 07-main-mode/message-4: the responder takes the initiator's
 * public value and nonce, answers with its own, and now holds the keys
 * (reference solution).
 *
 * RFC 2409 section 5: message 4 is HDR, KE, Nr. After it both sides can
 * compute g^xy and SKEYID: the responder does so at once, because message 5
 * arrives encrypted. With NAT-T (RFC 3947 section 3.2) the initiator's NAT-D
 * payloads say whether either side is behind a NAT; ours go back the same
 * way for the initiator to check.
 *
 * Lesson: lessons/07-main-mode.md#message-4
 */
import { FieldError } from "@course/errors.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { decodeMessage } from "../03-payloads/message.ts";
import { checkPeerPublic } from "../05-diffie-hellman/peer-value.ts";
import { acceptHeader, clearMessage, onePayload, payloadsOf, type Phase1State, type Step } from "./exchange.ts";
import { phase1Keys, suiteAlgorithms } from "./keys.ts";
import { freshKeyExchange, keyExchangePayloads } from "./message-3.ts";
import { detectNat } from "./nat-detection.ts";

const NO_NAT = { localBehindNat: false, remoteBehindNat: false } as const;

export function mainMode4(state: Phase1State, datagram: Uint8Array): Step<Phase1State> {
  if (state.role !== "responder" || state.messages !== 2 || !state.suite) {
    throw new FieldError("Message", state.messages, "message 3 is for a responder that has sent message 2 and nothing after it");
  }
  const m = decodeMessage(datagram);
  const accepted = acceptHeader(state, decodeHeader(datagram));
  const suite = state.suite;
  const gxi = onePayload(m, PayloadType.KEY_EXCHANGE).data;
  // Refuse a bad public value before spending a private value on it.
  checkPeerPublic(modpGroup(suite.group), gxi);
  const ni = onePayload(m, PayloadType.NONCE).data;
  const { config } = state;
  const nat = state.natT
    ? detectNat(state, suiteAlgorithms(suite).hash, payloadsOf(m, PayloadType.NAT_D).map((p) => p.data), config.local, config.remote)
    : NO_NAT;
  const dh = freshKeyExchange(config, suite);
  const withDh: Phase1State = { ...accepted, x: dh.x, gxi: gxi.slice(), gxr: dh.publicValue, ni: ni.slice(), nr: dh.nonce, nat, messages: 4 };
  const { keys, iv } = phase1Keys(withDh);
  const next: Phase1State = { ...withDh, keys, iv };
  return { state: next, send: clearMessage(next, keyExchangePayloads(next, dh.publicValue, dh.nonce)) };
}

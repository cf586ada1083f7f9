/**
 * Exercise 08-aggressive-mode/message-2: the responder's only message before
 * the IKE SA exists: its choice, its key exchange, its identity and its
 * proof, all in clear text (reference solution).
 *
 * RFC 2409 section 5.4: HDR, SA, KE, Nr, IDir, HASH_R. The responder does
 * at once what main mode messages 2, 4 and 6 do: choose a transform
 * (chapter 04), check g^xi (chapter 05), draw x and Nr, derive SKEYID and
 * the keys (chapter 06 via 07's phase1Keys), and prove that it knows the
 * pre-shared key with
 *   HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b).
 * With NAT traversal agreed (both sent the RFC 3947 vendor ID), the two NAT-D
 * payloads go here too (RFC 3947 section 3.2): this is the responder's only
 * message before message 3.
 *
 * Every input of HASH_R but the PSK is on the wire in messages 1 and 2, and
 * this message goes to anyone who sends an acceptable message 1: the reason
 * for the psk-crack exercise.
 *
 * Payload order is the seed's: SA, vendor IDs, KE, ID, Nonce, HASH, NAT-D,
 * NAT-D.
 *
 * Lesson: lessons/08-aggressive-mode.md#message-2
 */
import { PayloadType } from "@course/isakmp-names.ts";
import { modpGroup } from "@course/modp-groups.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { encodeIdentification } from "../03-payloads/identification.ts";
import { decodeMessage, type Payload } from "../03-payloads/message.ts";
import { selectPhase1 } from "../04-negotiation/phase1.ts";
import { checkPeerPublic } from "../05-diffie-hellman/peer-value.ts";
import { acceptHeader, clearMessage, onePayload, responderState, type Phase1Config, type Phase1State, type Step } from "../07-main-mode/exchange.ts";
import { phase1Keys } from "../07-main-mode/keys.ts";
import { saVendorIds } from "../07-main-mode/message-1.ts";
import { peerSupportsNatT, saBodyAsSent } from "../07-main-mode/message-2.ts";
import { freshKeyExchange } from "../07-main-mode/message-3.ts";
import { authHash } from "../07-main-mode/message-5.ts";
import { natDetectionPayloads } from "../07-main-mode/nat-detection.ts";

export function aggressive2(config: Phase1Config, datagram: Uint8Array): Step<Phase1State> {
  const m = decodeMessage(datagram);
  const header = decodeHeader(datagram);
  const state = acceptHeader(responderState("aggressive", config, header), header);
  // All four are required exactly once (RFC 2409 section 5.4); onePayload
  // says PAYLOAD-MALFORMED otherwise, before any work is done.
  const offer = onePayload(m, PayloadType.SA).sa;
  const gxi = onePayload(m, PayloadType.KEY_EXCHANGE).data;
  const ni = onePayload(m, PayloadType.NONCE).data;
  const peerId = onePayload(m, PayloadType.IDENTIFICATION).id;
  // NegotiationError NO-PROPOSAL-CHOSEN (or BAD-PROPOSAL-SYNTAX) when nothing fits.
  const choice = selectPhase1(offer, { suites: [...config.suites], prefer: config.prefer });
  // The initiator's KE must be in the group of the transform we accepted:
  // a value of another group has another length, and checkPeerPublic says so.
  checkPeerPublic(modpGroup(choice.sa.group), gxi);
  const natT = config.natTraversal && peerSupportsNatT(m);
  const dh = freshKeyExchange(config, choice.sa);
  const idB = encodeIdentification(config.identity);
  const withDh: Phase1State = {
    ...state,
    saiB: saBodyAsSent(datagram),
    suite: choice.sa,
    natT,
    x: dh.x,
    gxi: gxi.slice(),
    gxr: dh.publicValue,
    ni: ni.slice(),
    nr: dh.nonce,
    idB,
    peerId,
    messages: 2,
  };
  const { keys, iv } = phase1Keys(withDh);
  const next: Phase1State = { ...withDh, keys, iv };
  const natD = natT ? natDetectionPayloads(next, keys.hash, config.local, config.remote) : [];
  const payloads: Payload[] = [
    { type: PayloadType.SA, sa: choice.reply },
    ...(natT ? saVendorIds(config) : config.vendorIds.sa).map((data) => ({ type: PayloadType.VENDOR_ID, data })),
    ...config.vendorIds.keyExchange.map((data) => ({ type: PayloadType.VENDOR_ID, data })),
    { type: PayloadType.KEY_EXCHANGE, data: dh.publicValue },
    { type: PayloadType.IDENTIFICATION, id: config.identity },
    { type: PayloadType.NONCE, data: dh.nonce },
    { type: PayloadType.HASH, data: authHash(next, "responder", idB) },
    ...natD.map((data) => ({ type: PayloadType.NAT_D, data })),
  ];
  return { state: next, send: clearMessage(next, payloads) };
}

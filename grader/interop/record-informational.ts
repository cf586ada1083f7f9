/**
 * Writes chapter 10's fixed vectors from a fresh recording of two strongSwan
 * daemons (see informational.ts):
 *
 *   npx tsx grader/interop/record-informational.ts > grader/tests/10-informational/strongswan-vectors.ts
 *
 * Needs root (network namespaces), charon, swanctl, dumpcap and tshark.
 */
import { DPD_DELAY, PSK, recordInformational, type RecordedMessage } from "./informational.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const r = await recordInformational();

const message = (m: RecordedMessage) => `  {
    from: "${m.from}",
    to: "${m.to}",
    messageId: ${m.messageId},
    summary: "${m.summary}",
    iv: "${hex(m.iv)}",
    datagram: "${hex(m.datagram)}",
  }`;

process.stdout.write(`/**
 * Real IKEv1 informational exchanges between two strongSwan 5.9.8 daemons
 * (charon), recorded by grader/interop/record-informational.ts in two network
 * namespaces: 192.168.12.1 (initiator) and 192.168.12.2 (responder), the
 * seed's proposal (AES-CBC-128, SHA-1, group 2), pre-shared key "${PSK}",
 * DPD on (dpd_delay ${DPD_DELAY} s), NAT-T in use (kernel-libipsec), so every
 * message here travelled on UDP 4500 after the non-ESP marker, which is not
 * part of them.
 *
 * After main mode and quick mode both daemons stayed idle: each sent
 * R-U-THERE and got R-U-THERE-ACK. Then the initiator deleted the CHILD SA
 * and the IKE SA (swanctl --terminate). The datagrams are from the capture;
 * SKEYID_a, the encryption key, each exchange's IV and the CHILD SA's SPIs
 * are what charon printed at log level 4: values a real implementation
 * computed, not ours. The last phase-1 block is the last ciphertext block of
 * main mode message 6 in the capture.
 */
export interface StrongswanInformational {
  readonly from: string;
  readonly to: string;
  readonly messageId: number;
  /** What charon logged when it built the message. */
  readonly summary: string;
  /** The exchange's IV charon logged: hash(last phase-1 block | M-ID), first 16 octets. */
  readonly iv: string;
  /** The ISAKMP message, header and encrypted body. */
  readonly datagram: string;
}

export const IKE_SA = {
  hash: "sha1",
  cipher: "aes128",
  ckyI: "${hex(r.ckyI)}",
  ckyR: "${hex(r.ckyR)}",
  skeyid_a: "${hex(r.skeyid_a)}",
  encKey: "${hex(r.encKey)}",
  lastIv: "${hex(r.lastIv)}",
} as const;

/** The CHILD SA's SPIs as the initiator (192.168.12.1) named them: inbound is the one it chose. */
export const INITIATOR_CHILD_SPIS = { inbound: "${r.initiatorChildSpis.inbound}", outbound: "${r.initiatorChildSpis.outbound}" } as const;

/**
 * Main mode message 5 as the initiator sent it (charon: "${r.mainMode5.summary}"),
 * encrypted with the phase-1 IV hash(g^xi | g^xr), which charon logged.
 */
export const MAIN_MODE_5 = {
  iv: "${hex(r.mainMode5.iv)}",
  datagram: "${hex(r.mainMode5.datagram)}",
} as const;

export const INFORMATIONAL: readonly StrongswanInformational[] = [
${r.informational.map(message).join(",\n")},
];
`);

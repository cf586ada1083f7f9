/**
 * Records real IKEv1 informational exchanges between two strongSwan daemons
 * and prints them as the fixed vectors of chapter 10's hidden tests
 * (grader/tests/10-informational/strongswan-vectors.ts):
 *
 *   sudo npx tsx grader/interop/record-informational.ts > grader/tests/10-informational/strongswan-vectors.ts
 *
 * Two charons in two namespaces (192.168.12.1 initiator, .2 responder, the
 * seed's proposal) run main mode and quick mode with DPD on (dpd_delay 2 s),
 * stay idle until each has sent R-U-THERE and been answered, then the
 * initiator deletes the CHILD SA and the IKE SA (swanctl --terminate). The
 * capture gives every informational message as it travelled; charon's log
 * (level 4) gives SKEYID_a, the encryption key, the IV of each new Message ID
 * and the CHILD SA's SPIs: values a real implementation computed, not ours.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCapture, udpDatagrams } from "./capture.ts";
import { charonDumps, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { isakmpMessage, type WalkedMessage } from "./isakmp-walk.ts";
import { createLab } from "./netns.ts";

const PSK = "cisco123";
const DPD_DELAY = 2;
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lastDump(log: string, label: string): string {
  const d = charonDumps(log).filter((x) => x.label === label);
  if (d.length === 0) throw new Error(`charon's log has no "${label}" dump`);
  return hex(d.at(-1)!.bytes);
}

/** "CHILD_SA net{1} established with SPIs c1a2b3c4_i c5d6e7f8_o": charon's inbound and outbound SPI. */
function childSpis(log: string): { inbound: string; outbound: string } {
  const m = /CHILD_SA \S+ established with SPIs ([0-9a-f]{8})_i ([0-9a-f]{8})_o/.exec(log);
  if (!m) throw new Error("charon's log names no established CHILD_SA");
  return { inbound: m[1]!, outbound: m[2]! };
}

/**
 * The first message charon says it generated whose summary starts with
 * `head`, e.g. "INFORMATIONAL_V1 request 123 [ HASH N(DPD) ]".
 */
function generated(log: string, head: string): string {
  for (const m of log.matchAll(/generating ([A-Z_0-9]+ (?:request|response) \d+ \[[^\]]*\])/g)) {
    if (m[1]!.startsWith(head)) return m[1]!;
  }
  throw new Error(`charon's log shows no "${head}" message`);
}

async function record(): Promise<string> {
  const lab = createLab("ipsc10");
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-informational-"));
  const running: Charon[] = [];
  try {
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    const capture = await startCapture(lab, lab.r1, join(work, "informational.pcap"));
    const common = { name: "mm", proposal: "aes128-sha1-modp1024", psk: PSK, lifetime: 86400, dpdDelay: DPD_DELAY };
    const r1 = await startCharon(lab, lab.r1, join(work, "r1"), ikev1PskConfig({ ...common, local: lab.r1, remote: lab.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
    running.push(r1);
    const r2 = await startCharon(lab, lab.r2, join(work, "r2"), ikev1PskConfig({ ...common, local: lab.r2, remote: lab.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" }));
    running.push(r2);
    r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
    // Idle long enough for both sides' DPD timers to fire and be answered.
    await sleep((DPD_DELAY * 2 + 1) * 1000);
    r1.swanctl(["--terminate", "--child", "net", "--timeout", "10"]);
    await sleep(500);
    r1.swanctl(["--terminate", "--ike", "mm", "--timeout", "10"]);
    await sleep(500);
    const logs = { "192.168.12.1": r1.log(), "192.168.12.2": r2.log() } as Record<string, string>;
    await Promise.all([r1.stop(), r2.stop()]);
    await capture.stop();
    const datagrams = udpDatagrams(capture.file);
    const messages = datagrams.map((d) => ({ d, m: isakmpMessage(d) }));
    const mm = messages.filter((x) => x.m.exchangeType === 2).map((x) => x.m);
    const mm6: WalkedMessage = mm[5]!;
    const mm5 = messages.filter((x) => x.m.exchangeType === 2)[4]!;
    const info = messages.filter((x) => x.m.exchangeType === 5);
    const initiator = logs["192.168.12.1"]!;
    const vectors = info.map(({ d, m }) => {
      const senderLog = logs[d.src]!;
      return `  {
    from: "${d.src}",
    to: "${d.dst}",
    messageId: ${m.messageId},
    summary: "${generated(senderLog, `INFORMATIONAL_V1 request ${m.messageId} `)}",
    iv: "${lastDump(senderLog, `next IV for MID ${m.messageId}`)}",
    datagram: "${hex(d.dstPort === 4500 ? d.payload.subarray(4) : d.payload)}",
  }`;
    });
    const spis1 = childSpis(initiator);
    return `/**
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
 * SKEYID_a, the encryption key, the last phase-1 block (the last ciphertext
 * block of main mode message 6), each exchange's IV and the CHILD SA's SPIs
 * are what charon printed at log level 4: values a real implementation
 * computed, not ours.
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
  ckyI: "${hex(mm[0]!.ckyI)}",
  ckyR: "${hex(mm[1]!.ckyR)}",
  skeyid_a: "${lastDump(initiator, "SKEYID_a")}",
  encKey: "${lastDump(initiator, "encryption key Ka")}",
  /** Main mode message 6's last ciphertext block (from the capture). */
  lastIv: "${hex(mm6.body.slice(mm6.body.length - 16))}",
} as const;

/** The CHILD SA's SPIs as the initiator (192.168.12.1) named them: inbound is the one it chose. */
export const INITIATOR_CHILD_SPIS = { inbound: "${spis1.inbound}", outbound: "${spis1.outbound}" } as const;

/**
 * Main mode message 5 as the initiator sent it: ID, HASH_I and an
 * INITIAL-CONTACT notification (charon: "${generated(initiator, "ID_PROT request 0 [ ID HASH")}"). It is
 * encrypted with the phase-1 IV hash(g^xi | g^xr), which charon logged.
 */
export const MAIN_MODE_5 = {
  iv: "${lastDump(initiator, "initial IV")}",
  datagram: "${hex(mm5.d.payload.subarray(mm5.d.dstPort === 4500 ? 4 : 0))}",
} as const;

export const INFORMATIONAL: readonly StrongswanInformational[] = [
${vectors.join(",\n")},
];
`;
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    lab.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`kept ${work}\n`);
  }
}

process.stdout.write(await record());

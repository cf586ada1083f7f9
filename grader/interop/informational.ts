/**
 * Real IKEv1 informational exchanges between two strongSwan daemons: two
 * charons in two namespaces (192.168.12.1 initiator, .2 responder, the
 * seed's proposal, pre-shared key) run main mode and quick mode with DPD on
 * (dpd_delay 2 s), stay idle until each has sent R-U-THERE and been
 * answered, then the initiator deletes the CHILD SA and the IKE SA
 * (swanctl --terminate). The capture gives every message as it travelled;
 * charon's log (level 4) gives SKEYID_a, the encryption key, the IV of each
 * new Message ID and the CHILD SA's SPIs: values a real implementation
 * computed, not ours.
 *
 * Used live by strongswan-informational.test.ts, and by
 * record-informational.ts to write chapter 10's fixed vectors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCapture, udpDatagrams, type UdpDatagram } from "./capture.ts";
import { charonDumps, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { isakmpMessage } from "./isakmp-walk.ts";
import { createLab } from "./netns.ts";

export const PSK = "cisco123";
export const DPD_DELAY = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RecordedMessage {
  readonly from: string;
  readonly to: string;
  readonly messageId: number;
  /** What charon logged when it built the message, e.g. "INFORMATIONAL_V1 request 123 [ HASH N(DPD) ]". */
  readonly summary: string;
  /** The IV charon logged for this message's first block. */
  readonly iv: Uint8Array;
  /** The ISAKMP message (without the non-ESP marker of port 4500). */
  readonly datagram: Uint8Array;
}

export interface InformationalRecording {
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  readonly skeyid_a: Uint8Array;
  readonly encKey: Uint8Array;
  /** Main mode message 6's last ciphertext block (from the capture). */
  readonly lastIv: Uint8Array;
  /** The CHILD SA's SPIs as the initiator named them (charon's "_i" and "_o"). */
  readonly initiatorChildSpis: { readonly inbound: string; readonly outbound: string };
  /** The six main mode datagrams as captured (a decoder needs them to derive the later IVs). */
  readonly mainMode: UdpDatagram[];
  /** Main mode message 5 (ID, HASH_I, INITIAL-CONTACT), with the phase-1 IV charon logged. */
  readonly mainMode5: RecordedMessage;
  readonly informational: RecordedMessage[];
}

export function lastDump(log: string, label: string): Uint8Array {
  const d = charonDumps(log).filter((x) => x.label === label);
  if (d.length === 0) throw new Error(`charon's log has no "${label}" dump`);
  return d.at(-1)!.bytes;
}

/** "CHILD_SA net{1} established with SPIs c1a2b3c4_i c5d6e7f8_o": charon's inbound and outbound SPI. */
export function childSpis(log: string): { inbound: string; outbound: string } {
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

export async function recordInformational(): Promise<InformationalRecording> {
  const lab = createLab("ipsc10");
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-informational-"));
  const running: Charon[] = [];
  try {
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    const capture = await startCapture(lab, lab.r1, join(work, "informational.pcap"));
    try {
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
      const logs = new Map([
        [lab.r1.address, r1.log()],
        [lab.r2.address, r2.log()],
      ]);
      await Promise.all([r1.stop(), r2.stop()]);
      await capture.stop();
      const initiator = logs.get(lab.r1.address)!;
      const messages = udpDatagrams(capture.file).map((d) => ({ d, m: isakmpMessage(d) }));
      const mm = messages.filter((x) => x.m.exchangeType === 2);
      if (mm.length !== 6) throw new Error(`${mm.length} main mode messages on the wire, not 6`);
      const record = ({ d, m }: (typeof messages)[number], summary: string, iv: Uint8Array): RecordedMessage => ({
        from: d.src,
        to: d.dst,
        messageId: m.messageId,
        summary,
        iv,
        datagram: d.payload.slice(d.dstPort === 4500 ? 4 : 0),
      });
      const mm6 = mm[5]!.m;
      return {
        ckyI: mm[0]!.m.ckyI,
        ckyR: mm[1]!.m.ckyR,
        skeyid_a: lastDump(initiator, "SKEYID_a"),
        encKey: lastDump(initiator, "encryption key Ka"),
        lastIv: mm6.body.slice(mm6.body.length - 16),
        initiatorChildSpis: childSpis(initiator),
        mainMode: mm.map((x) => x.d),
        mainMode5: record(mm[4]!, generated(initiator, "ID_PROT request 0 [ ID HASH"), lastDump(initiator, "initial IV")),
        informational: messages
          .filter((x) => x.m.exchangeType === 5)
          .map((x) => {
            const log = logs.get(x.d.src)!;
            return record(x, generated(log, `INFORMATIONAL_V1 request ${x.m.messageId} `), lastDump(log, `next IV for MID ${x.m.messageId}`));
          }),
      };
    } finally {
      await capture.stop();
    }
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    lab.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`kept ${work}\n`);
  }
}

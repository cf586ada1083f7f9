/**
 * A quick mode between two strongSwan daemons, recorded: two charons in two
 * namespaces (192.168.12.1 initiates, 192.168.12.2 responds), main mode
 * with the seed's proposal and PSK "cisco123", then quick mode for
 * 10.1.1.0/24 <-> 10.2.2.0/24 with the ESP proposal given (a group in it,
 * "aes128-sha1-modp2048", asks for PFS). What comes back: every ISAKMP
 * message on the wire, every hex dump both charons logged at level 4
 * (SKEYID_d/a, Hash(1)-(3), the KEYMAT seeds, the ESP keys), the SPIs each
 * side installed, and `swanctl --list-sas`. With `ping`, three pings go
 * from 10.1.1.1 to 10.2.2.1 through charon's tunnel afterwards: ESP in UDP
 * 4500 (RFC 3948), kept apart from the ISAKMP datagrams. Used by the interop
 * test and by record-quick-mode.ts, which wrote the chapter 09 vectors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCapture, udpDatagrams, type UdpDatagram } from "./capture.ts";
import { charonDumps, ikev1PskConfig, startCharon, type Charon, type LogDump } from "./charon.ts";
import { createLab } from "./netns.ts";

export interface QuickModeRecording {
  readonly espProposals: string;
  /** The initiator's `swanctl --list-sas` right after the CHILD SA came up. */
  readonly sas: string;
  /** The ISAKMP datagrams (UDP 500, and UDP 4500 after the non-ESP marker). */
  readonly datagrams: UdpDatagram[];
  /** ESP-in-UDP datagrams (UDP 4500 starting with a non-zero SPI). */
  readonly esp: UdpDatagram[];
  readonly initiatorDumps: LogDump[];
  readonly responderDumps: LogDump[];
  readonly initiatorLog: string;
  readonly responderLog: string;
  /** SPIs the initiator installed: inbound (packets to .1) and outbound. */
  readonly inboundSpi: string;
  readonly outboundSpi: string;
}

export interface RecordOptions {
  /** Namespace name prefix. */
  readonly prefix?: string;
  /** Where to keep the capture (the caller removes it); else it goes with the lab. */
  readonly pcap?: string;
  /** Ping through the tunnel once it is up. */
  readonly ping?: boolean;
}

/** RFC 3948 section 2.2: on UDP 4500 an ISAKMP message starts with four zero octets, ESP with its SPI (never 0). */
const isEsp = (d: UdpDatagram) => (d.srcPort === 4500 || d.dstPort === 4500) && d.payload.length >= 4 && (d.payload[0]! | d.payload[1]! | d.payload[2]! | d.payload[3]!) !== 0;

export async function recordQuickMode(espProposals: string, options: RecordOptions = {}): Promise<QuickModeRecording> {
  const prefix = options.prefix ?? "ipsqm";
  const lab = createLab(prefix);
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-qm-"));
  const running: Charon[] = [];
  try {
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    const capture = await startCapture(lab, lab.r1, options.pcap ?? join(work, "quick-mode.pcap"));
    try {
      const common = { name: "qm", proposal: "aes128-sha1-modp1024", psk: "cisco123", lifetime: 86400, espProposals };
      const r1 = await startCharon(lab, lab.r1, join(work, "r1"), ikev1PskConfig({ ...common, local: lab.r1, remote: lab.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
      running.push(r1);
      const r2 = await startCharon(lab, lab.r2, join(work, "r2"), ikev1PskConfig({ ...common, local: lab.r2, remote: lab.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" }));
      running.push(r2);
      r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
      const sas = r1.swanctl(["--list-sas"]);
      if (options.ping) lab.exec(lab.r1, ["ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "10.1.1.1", "10.2.2.1"]);
      await Promise.all(running.map((c) => c.stop()));
      await capture.stop();
      const initiatorLog = r1.log();
      const spi = (dst: string) => {
        const m = new RegExp(`SPI 0x([0-9a-f]{8}), src \\S+ dst ${dst.replace(/\./g, "\\.")}`).exec(initiatorLog);
        if (!m) throw new Error(`charon on ${lab.r1.address} logged no SA towards ${dst}`);
        return m[1]!;
      };
      const all = udpDatagrams(capture.file);
      return {
        espProposals,
        sas,
        datagrams: all.filter((d) => !isEsp(d)),
        esp: all.filter(isEsp),
        initiatorDumps: charonDumps(initiatorLog),
        responderDumps: charonDumps(r2.log()),
        initiatorLog,
        responderLog: r2.log(),
        inboundSpi: spi(lab.r1.address),
        outboundSpi: spi(lab.r2.address),
      };
    } finally {
      await capture.stop();
    }
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    lab.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A packet capture inside a namespace with dumpcap (Wireshark's capture
 * engine), written as classic pcap, and the UDP payloads read back with tshark.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Lab, type Namespace, stopProcess, waitFor } from "./netns.ts";
import { tsharkFields } from "./tshark.ts";

export interface Capture {
  readonly file: string;
  stop(): Promise<void>;
}

export async function startCapture(lab: Lab, ns: Namespace, file: string): Promise<Capture> {
  mkdirSync(dirname(file), { recursive: true });
  const child: ChildProcess = lab.spawn(ns, ["dumpcap", "-q", "-P", "-i", ns.dev, "-w", file]);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  // dumpcap names the file once the interface and the file are open: only then can traffic start.
  await waitFor(() => stderr.includes("File:") || child.exitCode !== null, "dumpcap to start");
  if (child.exitCode !== null) throw new Error(`dumpcap failed: ${stderr}`);
  return {
    file,
    // SIGINT is dumpcap's Ctrl-C: it writes out what it still buffers before
    // exiting (a SIGTERM right after the traffic can lose the last packets).
    // The short pause lets the last datagrams reach the capture first.
    stop: async () => {
      if (child.exitCode === null) await new Promise((r) => setTimeout(r, 300));
      await stopProcess(child, 5000, "SIGINT");
    },
  };
}

export interface UdpDatagram {
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

/** Every UDP datagram in the capture, in order. */
export function udpDatagrams(pcap: string): UdpDatagram[] {
  return tsharkFields(pcap, ["ip.src", "ip.dst", "udp.srcport", "udp.dstport", "udp.payload"], { filter: "udp" }).map((row) => ({
    src: row["ip.src"]![0]!,
    dst: row["ip.dst"]![0]!,
    srcPort: Number(row["udp.srcport"]![0]),
    dstPort: Number(row["udp.dstport"]![0]),
    payload: Uint8Array.from(Buffer.from(row["udp.payload"]![0]!, "hex")),
  }));
}

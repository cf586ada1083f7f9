/**
 * Our IKE peer as a learner runs it: `ipsec-course ike initiate|respond
 * --config FILE --impl solutions --json --show-keys`, started inside one
 * namespace of a Lab, its JSON report parsed. The strongSwan matrix and the
 * handshake benchmark drive it this way, so they test the command too.
 */
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";
import { type Lab, type Namespace, stopProcess, waitFor } from "./netns.ts";

export interface PeerConfig {
  readonly local: string;
  readonly remote: string;
  readonly psk: string;
  readonly mode: "main" | "aggressive";
  readonly phase1: string;
  readonly phase2: string;
  readonly localSubnet: string;
  readonly remoteSubnet: string;
  readonly pfsGroup?: string;
  readonly lifetimes?: { readonly ike?: number; readonly ipsec?: number };
  readonly nonceBytes?: number;
  readonly retransmit?: { readonly initialMs: number; readonly factor: number; readonly maxMs: number; readonly tries: number };
}

export interface ChildReport {
  readonly protocol: string;
  readonly udpEncapsulation: boolean;
  readonly lifetime: { readonly seconds?: number };
  readonly pfs: boolean;
  readonly inbound: { readonly spi: string; readonly encKey: string; readonly integKey: string };
  readonly outbound: { readonly spi: string; readonly encKey: string; readonly integKey: string };
}

export interface PeerReport {
  readonly ike: { readonly role: string; readonly mode: string; readonly initiatorCookie: string; readonly responderCookie: string; readonly encKey: string; readonly local: { port: number }; readonly remote: { port: number } };
  readonly children: readonly ChildReport[];
  readonly handshakeMs: number;
}

export interface PeerRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The parsed report when the peer succeeded. */
  readonly report?: PeerReport;
}

export interface RunningPeer {
  readonly process: ChildProcess;
  /** Resolves when the peer exits. */
  readonly finished: Promise<PeerRun>;
  stop(): Promise<void>;
}

const BIN = join(COURSE_ROOT, "grader/bin/ipsec-course.js");

export function writePeerConfig(dir: string, name: string, config: PeerConfig): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
  return file;
}

/**
 * Starts our peer in `ns`. A responder is returned once it listens on UDP
 * 500 and 4500 (it says so on stderr), so the other side may start then.
 * `holdS` keeps the peer answering (DPD, retransmissions) after its SAs are up.
 */
export async function startPeer(lab: Lab, ns: Namespace, role: "initiate" | "respond", configFile: string, timeoutS = 20, holdS = 0): Promise<RunningPeer> {
  const child = lab.spawn(ns, [process.execPath, BIN, "ike", role, "--config", configFile, "--impl", SOLUTIONS_DIR, "--json", "--show-keys", "--verbose", "--timeout", String(timeoutS), "--hold", String(holdS)]);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const finished = new Promise<PeerRun>((resolve) =>
    child.once("exit", (code) => {
      let report: PeerReport | undefined;
      if (code === 0) report = JSON.parse(stdout) as PeerReport;
      resolve({ code, stdout, stderr, ...(report ? { report } : {}) });
    }),
  );
  if (role === "respond") {
    try {
      // Starting node and compiling the course takes seconds on a busy machine: wait generously.
      await waitFor(() => stderr.includes("listening on") || child.exitCode !== null, `our responder to listen in ${ns.name}`, 60_000);
      if (child.exitCode !== null) throw new Error(`our responder exited: ${stderr}`);
    } catch (e) {
      // Never leave it holding UDP 500 in the namespace for the next test.
      await stopProcess(child);
      throw e;
    }
  }
  return { process: child, finished, stop: () => stopProcess(child) };
}

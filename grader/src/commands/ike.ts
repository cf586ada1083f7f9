/**
 * `ipsec-course ike initiate|respond --config FILE [--impl DIR] [--show-keys]
 * [--json] [--timeout S] [--hold S] [--verbose]`: the chosen implementation
 * as an IKEv1 peer on UDP 500/4500. It negotiates one IKE SA and one CHILD SA
 * (quick mode), prints them, deletes them (informational Delete, so the
 * peer does not keep SAs towards a peer that is gone) and exits; `--hold`
 * keeps them up, answering a repeated last message and DPD, that many
 * seconds longer first.
 */
import { implLoader } from "../impl-loader.ts";
import { realClock } from "../ike/clock.ts";
import { readPeerSettings } from "../ike/config.ts";
import { ENGINE_EXERCISES, loadIkeModules } from "../ike/modules.ts";
import { IkePeer } from "../ike/peer.ts";
import { outcomeJson, outcomeText } from "../ike/report.ts";
import { udpTransport } from "../ike/udp.ts";

export interface IkeRequest {
  readonly role: "initiate" | "respond";
  readonly configFile: string;
  readonly implDir: string;
  readonly timeoutS: number;
  readonly holdS: number;
  readonly json: boolean;
  readonly showKeys: boolean;
  readonly verbose: boolean;
}

export interface Output {
  write(text: string): unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 500;

export async function runIke(req: IkeRequest, out: Output, err: Output): Promise<number> {
  const settings = readPeerSettings(req.configFile);
  let modules;
  try {
    modules = await loadIkeModules(implLoader(req.implDir));
  } catch (e) {
    err.write(`ipsec-course ike: ${(e as Error).message}\nThe peer runs the code of: ${ENGINE_EXERCISES.join(", ")}.\n`);
    return 1;
  }
  let transport;
  try {
    transport = await udpTransport(settings.phase1.local.address);
  } catch (e) {
    err.write(`ipsec-course ike: ${(e as Error).message}\n`);
    return 1;
  }
  const peer = new IkePeer(modules, settings, transport, realClock, req.verbose ? { log: (line) => err.write(`ike: ${line}\n`) } : {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no CHILD SA within ${req.timeoutS} s: waiting for ${peer.waitingFor}`)), req.timeoutS * 1000);
  });
  try {
    if (req.role === "respond") err.write(`ike: listening on ${settings.phase1.local.address} UDP 500 and 4500 (${settings.mode} mode)\n`);
    const outcome = await Promise.race([req.role === "initiate" ? peer.initiate() : peer.respond(), timeout]);
    out.write((req.json ? JSON.stringify(outcomeJson(outcome, req.showKeys), null, 2) : outcomeText(outcome, req.showKeys)) + "\n");
    // Our quick mode message 3 has just left: give the peer a moment to
    // install the CHILD SA before our Delete for it arrives (charon handles
    // the two on different threads and may otherwise see the Delete first).
    await sleep(Math.max(req.holdS * 1000, SETTLE_MS));
    peer.deleteSas();
    // The datagrams are queued on the sockets: let them leave before closing.
    await sleep(100);
    return 0;
  } catch (e) {
    err.write(`ipsec-course ike: ${(e as Error).message}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    await peer.close();
  }
}

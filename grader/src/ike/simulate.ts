/**
 * Two peers of one implementation negotiating over the in-memory link, on a
 * virtual clock: the in-process end-to-end test and the capture scenarios
 * both run this. Nothing touches the network; a lost message costs
 * simulated seconds only.
 */
import type { ImplLoader } from "../impl-loader.ts";
import { VirtualClock } from "./clock.ts";
import type { PeerSettings } from "./config.ts";
import { memoryLink, type LinkFaults, type WireDatagram } from "./memory-link.ts";
import { loadIkeModules } from "./modules.ts";
import { IkePeer } from "./peer.ts";

export interface Simulation {
  readonly initiator: IkePeer;
  readonly responder: IkePeer;
  readonly wire: readonly WireDatagram[];
  /** Simulated milliseconds until both sides were done and the link was quiet. */
  readonly elapsedMs: number;
  /** What each peer logged, prefixed with its role. */
  readonly log: readonly string[];
  /** Does something with the peers (delete SAs, say), then lets the link run until it is quiet. */
  act(action: (initiator: IkePeer, responder: IkePeer) => void): void;
}

const settled = (p: IkePeer) => p.outcome !== undefined || p.error !== undefined;

export interface SimulationOptions {
  readonly faults?: LinkFaults;
  /** Stop once the IKE SA is up (no quick mode). */
  readonly phase1Only?: boolean;
}

export async function simulate(loader: ImplLoader, initiator: PeerSettings, responder: PeerSettings, options: SimulationOptions = {}): Promise<Simulation> {
  const modules = await loadIkeModules(loader);
  const clock = new VirtualClock();
  const link = memoryLink(clock, options.faults);
  const log: string[] = [];
  const logger = (who: string) => (line: string) => log.push(`${(clock.now() / 1000).toFixed(3)} ${who}: ${line}`);
  const phase1Only = options.phase1Only ?? false;
  const r = new IkePeer(modules, responder, link.attach(responder.phase1.local.address), clock, { log: logger("responder"), phase1Only });
  const i = new IkePeer(modules, initiator, link.attach(initiator.phase1.local.address), clock, { log: logger("initiator"), phase1Only });
  void r.respond();
  void i.initiate();
  clock.run(() => settled(i) && settled(r));
  // Then whatever is still on the link (late copies) arrives, and is answered or dropped.
  clock.run(() => false, 60_000);
  return {
    initiator: i,
    responder: r,
    wire: link.wire,
    elapsedMs: clock.now(),
    log,
    act(action) {
      action(i, r);
      clock.run(() => false, 60_000);
    },
  };
}

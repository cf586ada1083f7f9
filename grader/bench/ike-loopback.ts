/**
 * Run by the `ike-handshake` benchmark inside one namespace: two peers of
 * the reference solution in this one process, over real UDP sockets on
 * loopback (127.0.0.1 initiating, 127.0.0.2 responding, ports 500/4500),
 * negotiate main mode + quick mode `rounds` + 1 times; the first, which
 * pays for compiling the code, is dropped. Prints the initiator's times
 * (MM1 sent to CHILD SA up, ms) as JSON.
 *
 *   tsx --tsconfig tsconfig.json grader/bench/ike-loopback.ts 5
 */
import { implLoader } from "../src/impl-loader.ts";
import { realClock } from "../src/ike/clock.ts";
import { peerSettings } from "../src/ike/config.ts";
import { loadIkeModules } from "../src/ike/modules.ts";
import { IkePeer } from "../src/ike/peer.ts";
import { udpTransport } from "../src/ike/udp.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";

const rounds = Number(process.argv[2] ?? 5);
const modules = await loadIkeModules(implLoader(SOLUTIONS_DIR));
const common = { psk: "cisco123", mode: "main", phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1" };
const times: number[] = [];
for (let i = 0; i <= rounds; i++) {
  const a = peerSettings({ ...common, local: "127.0.0.1", remote: "127.0.0.2", localSubnet: "10.1.1.0/24", remoteSubnet: "10.2.2.0/24" });
  const b = peerSettings({ ...common, local: "127.0.0.2", remote: "127.0.0.1", localSubnet: "10.2.2.0/24", remoteSubnet: "10.1.1.0/24" });
  const responder = new IkePeer(modules, b, await udpTransport("127.0.0.2"), realClock);
  const initiator = new IkePeer(modules, a, await udpTransport("127.0.0.1"), realClock);
  const done = responder.respond();
  const outcome = await initiator.initiate();
  await done;
  if (i > 0) times.push(outcome.handshakeMs);
  await Promise.all([initiator.close(), responder.close()]);
}
process.stdout.write(JSON.stringify(times) + "\n");

/**
 * The tunnel's IKE controller on real sockets, for the interop suite: run
 * inside a namespace (`tsx controller-peer.ts CONFIG`), it starts phase 1
 * towards the configured peer at once and prints one JSON line per event
 * (childUp, childDown, drop, warn/error log lines) and a status line every
 * second, times in seconds since start. SIGTERM shuts it down with Deletes.
 */
import { readFileSync } from "node:fs";
import { implLoader } from "../src/impl-loader.ts";
import { realClock } from "../src/ike/clock.ts";
import { peerSettings } from "../src/ike/config.ts";
import { loadIkeModules, type ChildSa } from "../src/ike/modules.ts";
import { udpTransport } from "../src/ike/udp.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { hex32 } from "../src/teach/hexdump.ts";
import { IkeController } from "../src/tunnel/ike-controller.ts";

const settings = peerSettings(JSON.parse(readFileSync(process.argv[2]!, "utf8")));
const start = realClock.now();
const emit = (event: string, fields: object) => process.stdout.write(`${JSON.stringify({ at: (realClock.now() - start) / 1000, event, ...fields })}\n`);
const spis = (c: ChildSa) => ({ spiIn: hex32(c.inbound.spi), spiOut: hex32(c.outbound.spi) });

const transport = await udpTransport(settings.phase1.local.address);
const controller = new IkeController(await loadIkeModules(implLoader(SOLUTIONS_DIR)), settings, transport, realClock, settings, {
  childUp: (c) => emit("childUp", spis(c)),
  childDown: (c, why) => emit("childDown", { ...spis(c), why }),
  drop: (reason, detail) => emit("drop", { reason, detail }),
  log: (level, line) => {
    if (level !== "debug" || line.includes("R-U-THERE")) emit(level, { line });
  },
});
const status = setInterval(() => emit("status", controller.status()), 1000);
process.once("SIGTERM", () => {
  clearInterval(status);
  void controller
    .shutdown()
    .then(() => new Promise((r) => setTimeout(r, 100)))
    .then(() => transport.close())
    .then(() => process.exit(0));
});
controller.initiate();

/**
 * `npm run bench`: every benchmark of the course, each reported as figures
 * and as a ratio against a baseline measured in the same run. Figures go to
 * the terminal and to reports/bench.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT } from "../src/paths.ts";
import { benchDh } from "./dh.ts";
import { benchEsp } from "./esp.ts";
import { benchGradeThroughput } from "./grade-throughput.ts";
import { benchIkeHandshake } from "./ike-handshake.ts";
import { benchPskCrack } from "./psk-crack.ts";
import { benchTunnel } from "./tunnel.ts";
import { benchWatchLatency } from "./watch-latency.ts";

const results = {
  date: new Date().toISOString(),
  node: process.version,
  ...(await benchWatchLatency()),
  ...benchDh(),
  ...(await benchGradeThroughput()),
  ...(await benchEsp()),
  ...(await benchIkeHandshake()),
  ...benchPskCrack(),
  ...(await benchTunnel()),
};
mkdirSync(join(COURSE_ROOT, "reports"), { recursive: true });
writeFileSync(join(COURSE_ROOT, "reports/bench.json"), JSON.stringify(results, null, 2) + "\n");
console.log("\nWrote reports/bench.json");

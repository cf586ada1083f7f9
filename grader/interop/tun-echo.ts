/**
 * A host behind a TUN device, for grader/interop/tun.test.ts: it creates the
 * device, gives it 10.9.0.1/24, and answers every ICMP echo request sent to
 * 10.9.0.2 with the chapter 11 reference code, so `ping 10.9.0.2` works only
 * if packets really go in and out through grader/src/tunnel/tun.ts.
 *
 * Run inside a network namespace: `node --import tsx tun-echo.ts NAME exit|drain|throw`.
 * Prints "ready <device>" once it answers; on the stdin line "close" it
 * closes the device, prints "closed <replies>", then either calls
 * process.exit() ("exit") or lets the event loop run dry ("drain").
 * "throw": the packet handler throws, which must end the process like any
 * uncaught exception in a callback.
 */
import { execFileSync } from "node:child_process";
import { createInterface } from "node:readline";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { decodeIpv4 } from "../../solutions/11-ipv4/decode.ts";
import { decodeIcmpEcho, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, pingPacket } from "../../solutions/11-ipv4/icmp.ts";
import { openTun } from "../src/tunnel/tun.ts";

const [name = "", mode = "exit"] = process.argv.slice(2);
const PEER = "10.9.0.2";

const tun = openTun(name);
let replies = 0;
tun.onPacket((packet) => {
  if (mode === "throw") throw new Error("packet handler failed on purpose");
  if ((packet[0] ?? 0) >>> 4 !== 4) return; // IPv6 router solicitations and the like
  const ip = decodeIpv4(packet);
  if (ip.header.protocol !== IP_PROTOCOL.ICMP || ip.header.dst !== PEER) return;
  const echo = decodeIcmpEcho(ip.payload);
  if (echo.type !== ICMP_ECHO_REQUEST) return;
  const reply = pingPacket({
    src: PEER,
    dst: ip.header.src,
    identification: ip.header.identification,
    ttl: 64,
    echo: { type: ICMP_ECHO_REPLY, identifier: echo.identifier, sequence: echo.sequence, data: echo.data },
  });
  // Written from the middle of a larger buffer, as a decrypted packet would be: the addon must honour the view's offset.
  const frame = new Uint8Array(reply.length + 7);
  frame.set(reply, 3);
  if (tun.write(frame.subarray(3, 3 + reply.length))) replies++;
});
execFileSync("ip", ["addr", "add", "10.9.0.1/24", "dev", tun.name]);
execFileSync("ip", ["link", "set", tun.name, "up"]);
process.stdout.write(`ready ${tun.name}\n`);

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (line.trim() !== "close") return;
  tun.close();
  tun.close(); // idempotent
  let afterClose = "accepted";
  try {
    tun.write(new Uint8Array(20));
  } catch (e) {
    afterClose = `${(e as Error).name} ${(e as { code?: string }).code}`;
  }
  process.stdout.write(`closed ${replies} (write after close: ${afterClose})\n`);
  if (mode === "exit") process.exit(0);
  input.close(); // nothing else is left to keep the loop alive
  process.stdin.destroy();
});

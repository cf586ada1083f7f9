/** Field layouts of ISAKMP structures, for naming the first wrong byte. */
import { EXCHANGE_TYPE_NAMES, PAYLOAD_TYPE_NAMES } from "../../support/isakmp-names.ts";
import { hex } from "./hexdump.ts";
import type { Layout } from "./layout.ts";

const u = (b: Uint8Array) => b.reduce((n, x) => n * 256 + x, 0);
const named = (table: ReadonlyMap<number, string>) => (b: Uint8Array) => `${table.get(u(b)) ?? "unknown"} (${u(b)})`;

/** RFC 2408 section 3.1, Figure 2: the 28-byte header in front of every ISAKMP message. */
export const isakmpHeaderLayout: Layout = [
  { name: "Initiator SPI", filter: "isakmp.ispi", offset: 0, length: 8, explain: hex },
  { name: "Responder SPI", filter: "isakmp.rspi", offset: 8, length: 8, explain: hex },
  { name: "Next payload", filter: "isakmp.nextpayload", offset: 16, length: 1, explain: named(PAYLOAD_TYPE_NAMES) },
  { name: "Version", filter: "isakmp.version", offset: 17, length: 1, explain: (b) => `${b[0]! >> 4}.${b[0]! & 0x0f}` },
  { name: "Exchange type", filter: "isakmp.exchangetype", offset: 18, length: 1, explain: named(EXCHANGE_TYPE_NAMES) },
  { name: "Flags", filter: "isakmp.flags", offset: 19, length: 1, explain: (b) => `E=${b[0]! & 1} C=${(b[0]! >> 1) & 1} A=${(b[0]! >> 2) & 1}` },
  { name: "Message ID", filter: "isakmp.messageid", offset: 20, length: 4, explain: (b) => `0x${hex(b)}` },
  { name: "Length", filter: "isakmp.length", offset: 24, length: 4, explain: (b) => `${u(b)}` },
];

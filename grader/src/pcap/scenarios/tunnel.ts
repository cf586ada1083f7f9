/**
 * `ipsec-course pcap tunnel`: the capstone's underlay as Wireshark sees it,
 * made by the chosen implementation's 16-tunnel/gateway without TUN devices,
 * root or a second machine. Two gateways, left 192.168.12.1 (10.1.0.0/24
 * behind it) and right 192.168.12.2 (10.2.0.0/24), hold one CHILD SA with
 * fixed SPIs and keys; 10.1.0.1 pings 10.2.0.1 a few times. Each echo
 * request goes through left's fromTun, crosses as ESP in UDP 4500 (RFC
 * 3948), comes out of right's fromUdp, and right's answer goes back the
 * same way. Only the underlay is captured, as on the lab's veth link:
 * UDP 4500 to 4500 carrying ESP. With --keys-dir Wireshark decrypts it.
 */
import { createHash } from "node:crypto";
import type { CapturedPacket } from "../file.ts";
import { udpPacket } from "../framing.ts";
import type { SaRecord } from "../keys.ts";
import type { Scenario, ScenarioContext, ScenarioOutput } from "../scenario.ts";
import type { ChildSa, Endpoint } from "../../ike/modules.ts";
import type { GatewayModule } from "../../tunnel/dataplane.ts";

const LEFT: Endpoint = { address: "192.168.12.1", port: 4500 };
const RIGHT: Endpoint = { address: "192.168.12.2", port: 4500 };
const LEFT_LAN = "10.1.0.0/24";
const RIGHT_LAN = "10.2.0.0/24";
const PINGS = 3;
/** Linux ping's 56 data bytes: the first 8 a timestamp in real life, here a counter pattern. */
const PING_DATA = Uint8Array.from({ length: 56 }, (_, i) => (0x10 + i) & 0xff);

type Pinger = (o: { src: string; dst: string; identification: number; ttl?: number; echo: { type: 0 | 8; identifier: number; sequence: number; data: Uint8Array } }) => Uint8Array;

/** A fixed key of `n` bytes derived from a label, so the capture and its keys are the same on every run. */
function key(label: string, n: number): Uint8Array {
  return Uint8Array.from(createHash("sha256").update(`tunnel ${label}`).digest().subarray(0, n));
}

/** The CHILD SA as each side holds it: left's inbound keys are right's outbound keys. */
function children(): { left: ChildSa; right: ChildSa } {
  const toRight = { spi: 0xc2a10001, encKey: key("enc to right", 16), integKey: key("integ to right", 20) };
  const toLeft = { spi: 0xc2b20002, encKey: key("enc to left", 16), integKey: key("integ to left", 20) };
  const common = { protocol: "ESP", mode: "tunnel", udpEncapsulation: true, encryption: "aes-128-cbc", integrity: "hmac-sha1-96", lifetime: { seconds: 3600 }, messageId: 1, pfs: false } as const;
  return {
    left: { ...common, inbound: toLeft, outbound: toRight, localSubnet: LEFT_LAN, remoteSubnet: RIGHT_LAN },
    right: { ...common, inbound: toRight, outbound: toLeft, localSubnet: RIGHT_LAN, remoteSubnet: LEFT_LAN },
  };
}

export const tunnel: Scenario = {
  name: "tunnel",
  summary: "the capstone's underlay: pings 10.1.0.1 -> 10.2.0.1 through two 16-tunnel gateways, ESP in UDP 4500",
  uses: ["16-tunnel/gateway", "11-ipv4/icmp"],
  async run(ctx: ScenarioContext): Promise<ScenarioOutput> {
    const gw = await ctx.load<GatewayModule>("16-tunnel/gateway.ts");
    const { pingPacket } = await ctx.load<{ pingPacket: Pinger }>("11-ipv4/icmp.ts");
    const c = children();
    const left = gw.createGateway(LEFT, RIGHT, LEFT_LAN, RIGHT_LAN);
    const right = gw.createGateway(RIGHT, LEFT, RIGHT_LAN, LEFT_LAN);
    gw.installChild(left, c.left, 0);
    gw.installChild(right, c.right, 0);
    const packets: CapturedPacket[] = [];
    /** One packet through `from`'s fromTun and `to`'s fromUdp; the capture gets the UDP datagram between them. */
    const cross = (from: typeof left, to: typeof right, src: Endpoint, dst: Endpoint, inner: Uint8Array, time: number, id: number): Uint8Array => {
      const out = gw.fromTun(from, inner, 0, key(`iv ${src.address} ${id}`, 16));
      if (out.kind !== "esp") throw new Error(`16-tunnel/gateway fromTun gave "${out.kind}" for a packet its SA covers`);
      packets.push({ time, ip: udpPacket({ src: src.address, dst: dst.address, sport: 4500, dport: 4500, payload: out.datagram, id, ttl: 64 }) });
      const back = gw.fromUdp(to, out.datagram, src, 0);
      if (back.kind !== "packet") throw new Error(`16-tunnel/gateway fromUdp gave "${back.kind}" for an ESP datagram from its peer`);
      return back.packet;
    };
    for (let i = 0; i < PINGS; i++) {
      const t = ctx.startTime + i;
      const request = pingPacket({ src: "10.1.0.1", dst: "10.2.0.1", identification: 0x4000 + i, ttl: 64, echo: { type: 8, identifier: 0x0c2, sequence: i + 1, data: PING_DATA } });
      const arrived = cross(left, right, LEFT, RIGHT, request, t, 0x1000 + i);
      // Right's host answers what arrived: the same identifier, sequence number and data.
      const reply = pingPacket({ src: "10.2.0.1", dst: "10.1.0.1", identification: 0x5000 + i, ttl: 64, echo: { type: 0, identifier: 0x0c2, sequence: i + 1, data: arrived.subarray(28) } });
      cross(right, left, RIGHT, LEFT, reply, t + 0.0004, 0x2000 + i);
    }
    const record = (src: Endpoint, dst: Endpoint, k: ChildSa["inbound"]): SaRecord => ({ protocol: "ESP", spi: k.spi, src: src.address, dst: dst.address, mode: "tunnel", encryption: "aes-cbc", encryptionKey: k.encKey, integrity: "hmac-sha1-96", integrityKey: k.integKey });
    return { packets, sas: [record(LEFT, RIGHT, c.left.outbound), record(RIGHT, LEFT, c.right.outbound)] };
  },
};

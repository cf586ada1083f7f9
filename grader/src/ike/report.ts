/**
 * What `ipsec-course ike` prints once the SAs are up: the IKE SA and each
 * CHILD SA, as text for a person or JSON for a script (the interop tests read
 * it). Keys only with --show-keys: the ESP keys per direction, and the IKE
 * SA's encryption key (what Wireshark's ikev1_decryption_table takes).
 */
import { IKE_CIPHERS, IKE_HASHES } from "@course/ike-algorithms.ts";
import type { ChildSa, IkeSa } from "./modules.ts";
import type { PeerOutcome } from "./peer.ts";
import { hex, hex32 } from "../teach/hexdump.ts";

function suiteText(ike: IkeSa): string {
  const cipher = Object.values(IKE_CIPHERS).find((c) => c.id === ike.suite.encryption && (ike.suite.keyLength === undefined || c.keyBytes * 8 === ike.suite.keyLength));
  const hash = Object.values(IKE_HASHES).find((h) => h.id === ike.suite.hash);
  return `${cipher?.name ?? `cipher ${ike.suite.encryption}`}-${hash?.name ?? `hash ${ike.suite.hash}`}-group${ike.suite.group}, ${ike.suite.lifetimeSeconds} s`;
}

function childJson(c: ChildSa, showKeys: boolean) {
  const keys = (k: ChildSa["inbound"]) => ({ spi: hex32(k.spi), ...(showKeys ? { encKey: hex(k.encKey), integKey: hex(k.integKey) } : {}) });
  return {
    protocol: c.protocol,
    mode: c.mode,
    udpEncapsulation: c.udpEncapsulation,
    encryption: c.encryption ?? null,
    integrity: c.integrity,
    localSubnet: c.localSubnet,
    remoteSubnet: c.remoteSubnet,
    lifetime: c.lifetime,
    pfs: c.pfs,
    messageId: hex32(c.messageId),
    inbound: keys(c.inbound),
    outbound: keys(c.outbound),
  };
}

export function outcomeJson(o: PeerOutcome, showKeys: boolean): object {
  const ike = o.ike;
  return {
    ike: {
      role: ike.role,
      mode: ike.mode,
      initiatorCookie: hex(ike.ckyI),
      responderCookie: hex(ike.ckyR),
      suite: ike.suite,
      natT: ike.natT,
      nat: ike.nat,
      local: ike.local,
      remote: ike.remote,
      ...(showKeys ? { encKey: hex(ike.keys.encKey), skeyid_d: hex(ike.keys.skeyid_d) } : {}),
    },
    children: o.children.map((c) => childJson(c, showKeys)),
    handshakeMs: Number(o.handshakeMs.toFixed(3)),
  };
}

export function outcomeText(o: PeerOutcome, showKeys: boolean): string {
  const ike = o.ike;
  const lines = [
    `IKE SA ${hex(ike.ckyI)}/${hex(ike.ckyR)} established (${ike.mode} mode, ${ike.role})`,
    `  ${ike.local.address}:${ike.local.port} <-> ${ike.remote.address}:${ike.remote.port}, ${suiteText(ike)}`,
    `  NAT traversal ${ike.natT ? `on (NAT seen: here ${ike.nat.localBehindNat ? "yes" : "no"}, at the peer ${ike.nat.remoteBehindNat ? "yes" : "no"})` : "off"}`,
  ];
  if (showKeys) lines.push(`  encryption key ${hex(ike.keys.encKey)} (Wireshark ikev1_decryption_table: ${hex(ike.ckyI)},${hex(ike.keys.encKey)})`);
  for (const c of o.children) {
    lines.push(
      `CHILD SA ${c.protocol} ${c.mode}${c.udpEncapsulation ? " in UDP" : ""}: ${c.localSubnet} === ${c.remoteSubnet}`,
      `  ${c.encryption ?? "no encryption"}/${c.integrity}, ${c.lifetime.seconds ?? "no"} s, PFS ${c.pfs ? "yes" : "no"}, quick mode Message ID ${hex32(c.messageId)}`,
    );
    for (const [dir, k] of [["in ", c.inbound], ["out", c.outbound]] as const) {
      lines.push(`  ${dir} SPI ${hex32(k.spi)}${showKeys ? `  encryption ${hex(k.encKey) || "-"}  integrity ${hex(k.integKey)}` : ""}`);
    }
  }
  lines.push(`Handshake: ${o.handshakeMs.toFixed(1)} ms`);
  return lines.join("\n");
}

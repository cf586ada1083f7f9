/**
 * What `ipsec-course tunnel status` shows: the IKE SAs (phase 1), the IPsec
 * SAs (quick mode's CHILD SAs, one line per pair with both SPIs), the
 * counters of the data plane and the drops by reason. `--json` prints the
 * TunnelStatus object itself; the text view prints the same fields.
 */
import type { DropReason } from "./dataplane.ts";

export interface IkeSaView {
  cookies: string;
  mode: "main" | "aggressive";
  role: "initiator" | "responder";
  state: string;
  lifetimeSeconds: number;
  ageSeconds: number;
  dpd?: { lastHeardSecondsAgo: number; outstanding: number };
}

export interface TrafficCounters {
  packets: number;
  bytes: number;
}

export interface IpsecSaView {
  spiIn: string;
  spiOut: string;
  protocol: "ESP";
  encryption: string;
  integrity: string;
  mode: string;
  ageSeconds: number;
  rekeyInSeconds: number;
  expiresInSeconds: number;
  in: TrafficCounters;
  out: TrafficCounters;
}

export interface TunnelCounters {
  tunIn: number;
  tunOut: number;
  espIn: number;
  espOut: number;
  ikeIn: number;
  ikeOut: number;
  queued: number;
}

export interface TunnelStatus {
  name: string;
  pid: number;
  impl: string;
  uptimeSeconds: number;
  local: string;
  remote: string;
  localSubnet: string;
  remoteSubnet: string;
  ike: IkeSaView[];
  ipsec: IpsecSaView[];
  counters: TunnelCounters;
  drops: Record<DropReason, number>;
}

const seconds = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s` : `${Math.floor(s)}s`);

/** The text view: the same fields as the JSON, grouped as an administrator reads them. */
export function statusText(s: TunnelStatus): string {
  const lines = [
    `tunnel ${s.name} (pid ${s.pid}, up ${seconds(s.uptimeSeconds)}, implementation ${s.impl})`,
    `  ${s.local} <-> ${s.remote}   protecting ${s.localSubnet} <-> ${s.remoteSubnet}`,
    "",
    `IKE SAs (phase 1): ${s.ike.length}`,
  ];
  for (const ike of s.ike) {
    const dpd = ike.dpd ? `, DPD: peer heard ${seconds(ike.dpd.lastHeardSecondsAgo)} ago, ${ike.dpd.outstanding} R-U-THERE unanswered` : "";
    lines.push(`  ${ike.cookies}  ${ike.mode} mode, ${ike.role}, ${ike.state}, age ${seconds(ike.ageSeconds)} of ${seconds(ike.lifetimeSeconds)}${dpd}`);
  }
  lines.push("", `IPsec SAs (quick mode): ${s.ipsec.length}`);
  for (const sa of s.ipsec) {
    lines.push(
      `  ${sa.protocol} in ${sa.spiIn} out ${sa.spiOut}  ${sa.encryption}/${sa.integrity} ${sa.mode}, age ${seconds(sa.ageSeconds)}, rekey in ${seconds(Math.max(0, sa.rekeyInSeconds))}, expires in ${seconds(Math.max(0, sa.expiresInSeconds))}`,
      `    in  ${sa.in.packets} packets, ${sa.in.bytes} bytes    out ${sa.out.packets} packets, ${sa.out.bytes} bytes`,
    );
  }
  const c = s.counters;
  lines.push(
    "",
    `packets: from TUN ${c.tunIn}, to TUN ${c.tunOut}, ESP in ${c.espIn}, ESP out ${c.espOut}, IKE in ${c.ikeIn}, IKE out ${c.ikeOut}, queued ${c.queued}`,
  );
  const drops = Object.entries(s.drops).filter(([, n]) => n > 0);
  lines.push(drops.length === 0 ? "drops: none" : `drops: ${drops.map(([r, n]) => `${r} ${n}`).join(", ")}`);
  return lines.join("\n");
}

/** `ipsec-course pcap ah-tunnel`: the seed's ping both ways, AH in tunnel mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const ahTunnel = ipsecScenario("ah", "tunnel");

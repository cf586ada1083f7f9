/** `ipsec-course pcap ah-transport`: the seed's ping both ways, AH in transport mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const ahTransport = ipsecScenario("ah", "transport");

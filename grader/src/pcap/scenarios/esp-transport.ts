/** `ipsec-course pcap esp-transport`: the seed's ping both ways, ESP in transport mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const espTransport = ipsecScenario("esp", "transport");

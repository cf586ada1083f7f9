/**
 * Real IKEv1 informational exchanges between two strongSwan 5.9.8 daemons
 * (charon), recorded by grader/interop/record-informational.ts in two network
 * namespaces: 192.168.12.1 (initiator) and 192.168.12.2 (responder), the
 * seed's proposal (AES-CBC-128, SHA-1, group 2), pre-shared key "cisco123",
 * DPD on (dpd_delay 2 s), NAT-T in use (kernel-libipsec), so every
 * message here travelled on UDP 4500 after the non-ESP marker, which is not
 * part of them.
 *
 * After main mode and quick mode both daemons stayed idle: each sent
 * R-U-THERE and got R-U-THERE-ACK. Then the initiator deleted the CHILD SA
 * and the IKE SA (swanctl --terminate). The datagrams are from the capture;
 * SKEYID_a, the encryption key, each exchange's IV and the CHILD SA's SPIs
 * are what charon printed at log level 4: values a real implementation
 * computed, not ours. The last phase-1 block is the last ciphertext block of
 * main mode message 6 in the capture.
 */
export interface StrongswanInformational {
  readonly from: string;
  readonly to: string;
  readonly messageId: number;
  /** What charon logged when it built the message. */
  readonly summary: string;
  /** The exchange's IV charon logged: hash(last phase-1 block | M-ID), first 16 octets. */
  readonly iv: string;
  /** The ISAKMP message, header and encrypted body. */
  readonly datagram: string;
}

export const IKE_SA = {
  hash: "sha1",
  cipher: "aes128",
  ckyI: "645f35861a07cfdc",
  ckyR: "34a389f924ba5114",
  skeyid_a: "f7150d120ae1dc636c96d1c6ec2b7b9af050e87f",
  encKey: "19c02d35c5e05cde9aab747594f0bf35",
  lastIv: "e1c5420bab31bf1305d01b909b343a22",
} as const;

/** The CHILD SA's SPIs as the initiator (192.168.12.1) named them: inbound is the one it chose. */
export const INITIATOR_CHILD_SPIS = { inbound: "09030316", outbound: "a5214760" } as const;

/**
 * Main mode message 5 as the initiator sent it (charon: "ID_PROT request 0 [ ID HASH N(INITIAL_CONTACT) ]"),
 * encrypted with the phase-1 IV hash(g^xi | g^xr), which charon logged.
 */
export const MAIN_MODE_5 = {
  iv: "cd921e9e6b4fa50449c23f9308f74e63",
  datagram: "645f35861a07cfdc34a389f924ba511405100201000000000000006c1f74b8cd3ce16cc0a101834119895e6bf4a5053910a8de1d39258f752f8a4cce1942ebcd0400cf092c7b75b42f3fd8c8f8a5788bb2d72c5bbd0be48aefa5a4933557186237153164d08fa15d393bc361",
} as const;

export const INFORMATIONAL: readonly StrongswanInformational[] = [
  {
    from: "192.168.12.2",
    to: "192.168.12.1",
    messageId: 1688320053,
    summary: "INFORMATIONAL_V1 request 1688320053 [ HASH N(DPD) ]",
    iv: "a6e500e29b07009297f5064072de2cd1",
    datagram: "645f35861a07cfdc34a389f924ba51140810050164a1b8350000005c55ec83778a338610cd63a51de9af5b821abf17269bb670345ba82a27165740abf7a6212773c1896486c443564355d66f21539a8a5e42d6e769023884ff177bcd",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 3774170477,
    summary: "INFORMATIONAL_V1 request 3774170477 [ HASH N(DPD) ]",
    iv: "a15060fe5cfa13ff7697174684785325",
    datagram: "645f35861a07cfdc34a389f924ba511408100501e0f5456d0000005c453298f8c6110b1bb2489c3d466d7258925012488d6f30c2b7662af5fb53b503d1b74cc11710e7b3bdff95e83823b80933aa8ba8e8f252ade2193bb97d966feb",
  },
  {
    from: "192.168.12.2",
    to: "192.168.12.1",
    messageId: 644023744,
    summary: "INFORMATIONAL_V1 request 644023744 [ HASH N(DPD_ACK) ]",
    iv: "62c121a1f63dc80d078989ed23dc8485",
    datagram: "645f35861a07cfdc34a389f924ba511408100501266305c00000005c6125ea1c1be32abd4690b2f80ef92d0acf43475c486e30e8168262b9baf61e9b737eef92fa35ee23087224af426f906ef2d8dcdc714b35bdf02fdb1dfe664cce",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 142534802,
    summary: "INFORMATIONAL_V1 request 142534802 [ HASH N(DPD_ACK) ]",
    iv: "20b0c924adb77ea1966d5eb1ec9eebb1",
    datagram: "645f35861a07cfdc34a389f924ba511408100501087ee8920000005c31fd8e00e4be4b65d0c18b47c8f2fb97132bf4a8372c3d45ad39db83cd47d99a96d9d5dbe091fe63005f16915cb700de5dcd8ec60f5008ca03b4dee85a3e6739",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 2091268881,
    summary: "INFORMATIONAL_V1 request 2091268881 [ HASH N(DPD) ]",
    iv: "b64f59dec33eb65a1bdaccc66f6ea97c",
    datagram: "645f35861a07cfdc34a389f924ba5114081005017ca63b110000005cc014faaa4121187bdb2e3dde5c3420806537eee18273ca3b954f9bfe6f3f9879431931cf927c8cbc501056d0935479dc600586d90a0a943508367dde3a7e9d59",
  },
  {
    from: "192.168.12.2",
    to: "192.168.12.1",
    messageId: 956290421,
    summary: "INFORMATIONAL_V1 request 956290421 [ HASH N(DPD) ]",
    iv: "ccd326832e62deab13ee5b7fe7061e6f",
    datagram: "645f35861a07cfdc34a389f924ba51140810050138ffd5750000005c03d1af3df5d326d6b356b3250645461ab61e911f3ddea5a144028e335f6d46f7c75bd68d69547f0a3014f36b0ddbaf7b0bbd2c969d9393973b3dd476db7fe34b",
  },
  {
    from: "192.168.12.2",
    to: "192.168.12.1",
    messageId: 3434523591,
    summary: "INFORMATIONAL_V1 request 3434523591 [ HASH N(DPD_ACK) ]",
    iv: "db59692802590dca68f92f26b4b29cc0",
    datagram: "645f35861a07cfdc34a389f924ba511408100501ccb6abc70000005cd32e67ef3c19904c42f8510d66b51640978fabf09fb6fce728c360b3e35d5bf6791de613e46d634cee3991ff9029cdc88ffe0e6f97a43baca711e6f6b725c1ab",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 1364487284,
    summary: "INFORMATIONAL_V1 request 1364487284 [ HASH N(DPD_ACK) ]",
    iv: "95041b2021958d32e8ed2defd4142a0b",
    datagram: "645f35861a07cfdc34a389f924ba51140810050151546c740000005c4e30d32e212cab176fead3f99db0df57ccc69af1ab8211838a8b9ab6c9e539b961c88254bac2dabc5a428023d25cfa38fe7b68da78d0dd374a1843b29e0fe6b7",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 3882949366,
    summary: "INFORMATIONAL_V1 request 3882949366 [ HASH D ]",
    iv: "eee386e1ba951bb1da7eedc6b381a0f0",
    datagram: "645f35861a07cfdc34a389f924ba511408100501e7711af60000004c8e4b92572451aeb9e34c5ffca561a20cf15735154aab7e5932d037f698c17678f7fe1ffb71c43aab7c5dccdee7b4165a",
  },
  {
    from: "192.168.12.1",
    to: "192.168.12.2",
    messageId: 1242391364,
    summary: "INFORMATIONAL_V1 request 1242391364 [ HASH D ]",
    iv: "f01a3870408ed22fa3484341d9757f46",
    datagram: "645f35861a07cfdc34a389f924ba5114081005014a0d63440000005c2d43b006c48297de6ce09aeeeb4222a1a8bb7854c1d5650be531c758f0cbc8d2e72bbdf7d47fa1c51ea65a8974ee8a6d1ec2e4505b54218fe71bf5bda51983e7",
  },
];

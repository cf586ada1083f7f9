/**
 * One CHILD SA between two strongSwan 5.9.8 daemons (charon with
 * kernel-libipsec) and the first pings it carried, recorded by
 * grader/interop/record-quick-mode.ts --ping in two network namespaces:
 * 192.168.12.1 (IKE initiator, 10.1.1.1 behind it) and 192.168.12.2
 * (responder, 10.2.2.1), main mode with the seed's proposal and PSK
 * "cisco123", quick mode ESP AES-CBC-128 + HMAC-SHA-1-96 for 10.1.1.0/24 <->
 * 10.2.2.0/24 in UDP-encapsulated tunnel mode (charon always floats to 4500).
 *
 * The datagrams are the UDP payloads exactly as they crossed the veth link
 * (UDP 4500 to 4500, no non-ESP marker: they are ESP, RFC 3948 section
 * 2.1). The keys and SPIs are what both charons logged at level 4 and
 * `swanctl --list-sas` showed; "initiator" keys protect what 192.168.12.1
 * sends, on the responder's SPI. Nothing here was produced by the course's
 * own code.
 */
export const STRONGSWAN_ESP = {
  label: "strongSwan 5.9.8, ESP AES-CBC-128 + HMAC-SHA-1-96 in UDP 4500, ping 10.1.1.1 -> 10.2.2.1",
  initiator: { address: "192.168.12.1", subnet: "10.1.1.0/24" },
  responder: { address: "192.168.12.2", subnet: "10.2.2.0/24" },
  /** SPI of the SA into the responder (what 192.168.12.1 sends on). */
  toResponderSpi: 0x41163ec9,
  /** SPI of the SA into the initiator. */
  toInitiatorSpi: 0xe92c43ec,
  encI: "b2982e8fcf4857dce0026a4fe86a3a63",
  integI: "8d240cc099e55820971bafde19aee85aa4b2567d",
  encR: "c10c8013e7adc2d7f296893a6b40c9dc",
  integR: "231099c4b31921ab7e30ec97fc90f14ed01da437",
  /** Echo requests 1-3 (192.168.12.1 -> .2) and the replies (.2 -> .1), in the order they travelled. */
  requests: [
    "41163ec9000000012c1c97cee74c9bd13b6f272c9795bc79ca6c105d1ff9043a80dc2b3a8ed2d4185cda19fb116f9703" +
    "30662ec1e1d28cd9fbbf7e1f7b77ad5d6fe958cde9a1fbf97eb0fe0609711794d1fd20c9fb00f8f212a6c40dee819265" +
    "f8f80fb99b56a7bae2b36ae2a1bb80a9534b10170550f7ba63a2ec3b6ee8104d9fe84f5c",
    "41163ec900000002da7e3bd5be5ae3ea99c5dcf6ddc6186efe6f67dbf8e8f95422de4326081ecb66da63b8d639596d03" +
    "0d523da7dfb03ecfbdc640a5e8c1ab28f0a9647c5718dc168c5c3e0f95d2f0aee88f42fdfad2db642182937bd25e3840" +
    "e687c40ac23873cc088447d2178324a3984843b02403ec6e7510dbc28c8e3e2b59c69e68",
    "41163ec90000000355922fb07e61bb61fe790c5220e8e27621b944e065db4a9778c74d7ba9d0cd25d06d5f2065f1e4b3" +
    "403d5cdf42191b62b3ad798a7bd7933868f604410a1182a79b46585cf8a21014e61f0a435a308a176641ce1870bea4c7" +
    "aa82921019464457f27454793978f8e7b7ff60b3ecfbc1a37bfd6da4579885f136678ffd"
  ],
  replies: [
    "e92c43ec00000001b9d8528132889269860a14cb99519c51be038a3a7845437c0bdb4774162d1ff5cb2b2e5700613b0b" +
    "c8692098458c7e205c2725f060f782d3acc458547ad5155ff8fc8c8cfe56f765959a25e578b402b05b838c3cb5cd6d49" +
    "02fbdd5b8a885a1c89066c89d1fdd068cac0c2337eea2f44205bd0cf245ee54301832a22",
    "e92c43ec0000000284e6aa3ad36c2e8bcbed76e7e1b3ae15f6df21631a4f565753a3130826bc57adfb0f19e50ea80201" +
    "9c7bd5c37d28da96a7afe5f699b5a7fe9845c95bc346fbe98e68b64bd59026594112420fad64567cacc9bf81c5640c62" +
    "54c103e0d21db3d8200e7631729ced5116c73ccede2a9511556b5fa14699befb5f8673c3",
    "e92c43ec00000003b49612b9f5d8fa3f4cef78d0ead1b828bc9cd09896b806c648ee3a62bd58246452f9c694529eb6f9" +
    "cc95dfe426f5d805f32762147ee66c54ae7342e25da979ed975e64d7c13b38d0c9d977c6a060a8e87cbfe9f24d9ef158" +
    "8f7fe10b69d3c9e6f3756eb49aea89de904dc9d2f6f579a687c54a1b010a2f488ee305b4"
  ],
} as const;

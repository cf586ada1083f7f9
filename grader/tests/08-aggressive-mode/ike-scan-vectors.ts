/**
 * Lines written by ike-scan 1.9.5 (`--aggressive --pskcrack=FILE`) when it
 * probed a strongSwan 5.9.8 responder (charon, `aggressive = yes`) in a
 * network namespace at 192.168.12.2, from 192.168.12.1 with ID_IPV4_ADDR
 * 192.168.12.1. psk-crack 1.9.5 recovered the stated PSK from each line with
 * `psk-crack -d wordlist FILE`. Nobody here computed these bytes.
 */
export interface IkeScanLine {
  readonly label: string;
  readonly line: string;
  readonly psk: string;
  /** What ike-scan printed about the responder's reply. */
  readonly ckyR: string;
  readonly hash: "md5" | "sha1";
  readonly responderId: string;
}

export const IKE_SCAN_LINES: readonly IkeScanLine[] = [
  {
    label: "charon, AES-CBC-128 / SHA-1 / group 2 (the seed's proposal), PSK cisco123",
    line:
      "52da11185186565a733e37825bf61e69cc384cf49570bd0e965859d04bc4c4f827838092cc6a54336f3f4b3ba80e3152" +
      "8f33d5c4ebda833c9e20cd9558cd7eeea96e8a116b6518fd4fdfaab4013ec70e8ee84f61331bc047af9a6939b3e8ba80" +
      "aa221418845a2e90e41205137679ac414b20e2c90353d38bf8b02046e522d7c6:6675783c8fac3d30e19d51fdd312883" +
      "d0cb270c213e493b574052c4bca5decb141b23fbabf51aa0e440f0203e4bd3cd0e49682a597b4199f979e9d1a57bb7a7" +
      "c0a44d232e3d6effcd1b8f9848b9d7f9e16b046112f5c6f4ae322a012ba5a4c7c41ad05689da4c0946d6f42514430d47" +
      "888f7c511381a38673810cac68e396887:7efb5082f4611e43:6994da765cf17b0a:0000000100000001000000300101" +
      "0001000000280101000080010007800200028003000180040002800e0080800b0001000c000400015180:01000000c0a" +
      "80c02:380a302ec43a3cd4a77b3c355ef7bfc1776cc74c:eff23f0e5c360f7b8534a7df4f91ed92e8f45f87244799d72" +
      "7f3e076dc17a37b:c44baf3eff73796d93fa72c34b91944c5e632328",
    psk: "cisco123",
    ckyR: "7efb5082f4611e43",
    hash: "sha1",
    responderId: "192.168.12.2",
  },
  {
    label: "charon, AES-CBC-128 / MD5 / group 2, PSK letmein",
    line:
      "7053329153c451decfce287cccdd5e0126893d3fefe0d2e8fa603d6bddb52f73a9b2727f5c15262d8e9d5ecc90f21e7a" +
      "d984da9d2dec2762e457282910e5223a08b615f167d8fb8fb6146872d3559d2a976c86566028dc2d4412b2346293fe20" +
      "d263fcccf7b78aab9be5d887c93af5ccde80ef68f91eac68d312052689c0c7e2:0d36c3ad3b44d5fb2c8f1927c221825" +
      "97040b388aaae514bf43f9064a6f1cb4b7a3a6a3eacc32338d26a7f9e5db5f7ba96355050bb8300f0424b5acff52251a" +
      "1d2f6c75a76fef7a882f19b5e79caaa425051e966016a81be92404253e57bc6b867dc330593d6b4abfcf6b7f956830a4" +
      "9b3a143f4d35eedecf9d011b204206386:2323b7eb5732b6d3:e89d92276d11b14b:0000000100000001000000300101" +
      "0001000000280101000080010007800200018003000180040002800e0080800b0001000c000400015180:01000000c0a" +
      "80c02:909135eb6b6d7755275bc20ae9488cd04e80f8c2:5f87f0c1ae10115e9574aabe613f34ef832494630a564dc97" +
      "2619ebcbd8639cf:887aa390527342614558dc1de6bcea04",
    psk: "letmein",
    ckyR: "2323b7eb5732b6d3",
    hash: "md5",
    responderId: "192.168.12.2",
  },
];

const fs=require("fs");const c=JSON.parse(fs.readFileSync("grader/course.json"));
const ex=(ch,name,title,minutes,points,depends,hints,learned)=>({id:`${ch}/${name}`,title,files:[`${ch}/${name}.ts`],tests:[`${ch}/${name}.test.ts`],lesson:`lessons/${ch}.md#${name}`,minutes,points,depends,hints,learned});
const D="05-diffie-hellman", K="06-phase1-keys";
c.chapters = c.chapters.filter(ch => ch.id !== D && ch.id !== K);
c.chapters.push({id:D,title:"Diffie-Hellman: MODP groups, modular exponentiation, public value checks",lesson:`lessons/${D}.md`,exercises:[
ex(D,"modpow","Square and multiply: g^x mod p on BigInt",20,10,[],[
"Keep every intermediate result below the modulus: after each multiplication, take % modulus. Start from 1n % modulus so that modulus 1 gives 0.",
"exponent.toString(2) gives the bits, most significant first. For each bit: result = result * result % m; then if the bit is \"1\", result = result * base % m.",
"Check modulus < 1n and exponent < 0n first and throw new FieldError(\"Modulus\" or \"Exponent\", value, reason). For a negative base use ((base % m) + m) % m."],
"Modular exponentiation reads the exponent bit by bit: one squaring per bit, one multiplication per 1 bit, reduced at every step."),
ex(D,"window","Stretch: sliding-window exponentiation",35,15,[`${D}/modpow`],[
"windowDigits: walk the bit string from index 0 (the top). Skip \"0\". At a \"1\", take end = min(i + w, length) - 1, then move end back while bits[end] is \"0\". The digit is parseInt(bits.slice(i, end + 1), 2) and its shift is length - 1 - end.",
"Precompute odd[k] = base^(2k+1): odd[0] = base, odd[k] = odd[k-1] * base^2 % m, for k up to 2^(w-1) - 1.",
"Keep `position` = the number of exponent bits not yet consumed (the bit length at the start). For each window: square (position - shift) times, multiply by odd[(digit - 1) / 2], set position = shift. At the end square position more times."],
"A sliding window trades a small table of odd powers for far fewer multiplications; the squarings stay one per bit."),
ex(D,"encoding","Fixed-length big-endian numbers: the KE payload's form",15,10,[],[
"Fill a new Uint8Array(length) from the end: out[i] = Number(v & 0xffn); v >>= 8n; while i >= 0.",
"If v is still above 0 after the loop, the value did not fit: throw new FieldError(field, value, reason). A negative value is refused before you start.",
"bytesToBigInt: v = (v << 8n) | BigInt(b) for each octet, starting from 0n."],
"A Diffie-Hellman value on the wire always has the prime's length: the zeros in front are part of it."),
ex(D,"keypair","A private value from a CSPRNG, and its public value",20,10,[`${D}/modpow`,`${D}/encoding`],[
"The default random source is (n) => new Uint8Array(randomBytes(n)) with randomBytes from \"node:crypto\".",
"Loop: x = bytesToBigInt(random(group.bytes)); if (x >= 2n && x <= group.p - 2n) return x. Do not use % p.",
"publicValue: check x is in [2, p-2] (FieldError \"Private value\"), then bigIntToBytes(modPow(group.g, x, group.p), group.bytes, \"Key Exchange Data\")."],
"The private value comes from a cryptographic random source, and the public value travels as exactly as many octets as the prime has."),
ex(D,"peer-value","Checking the peer's public value",10,10,[`${D}/encoding`],[
"First the length: keyExchangeData.length must equal group.bytes, else new FieldError(\"Key Exchange Data\", keyExchangeData.length, reason).",
"Then y = bytesToBigInt(keyExchangeData) and refuse y <= 1n and y >= group.p - 1n with the same field name (value: y)."],
"A public value of 0, 1 or p-1 would make the shared secret predictable: check 1 < y < p-1 and the length before using it."),
ex(D,"shared-secret","The shared secret g^xy",10,10,[`${D}/modpow`,`${D}/encoding`,`${D}/peer-value`],[
"Check x is in [2, p-2] (FieldError \"Private value\"), then y = checkPeerPublic(group, peerKeyExchangeData).",
"Return bigIntToBytes(modPow(y, x, group.p), group.bytes, \"Shared secret\")."],
"Both peers compute the same g^xy from what they kept and what they saw, and it enters the key derivation at full length."),
]});
c.chapters.push({id:K,title:"Phase 1 keys: SKEYID and friends, IVs, HASH_I/HASH_R, encrypting messages 5 and 6",lesson:`lessons/${K}.md`,exercises:[
ex(K,"prf","The negotiated hash and its HMAC",10,10,[],[
"Map the five names to @noble/hashes functions: md5 and sha1 from \"@noble/hashes/legacy.js\", sha256, sha384, sha512 from \"@noble/hashes/sha2.js\".",
"Call ikeHash(name) from \"@course/ike-algorithms.ts\" first: it throws the FieldError for an unknown name, including \"toString\".",
"prf(name, key, data) is hmac(hashFn, key, data) with hmac from \"@noble/hashes/hmac.js\"."],
"IKEv1 uses the negotiated hash twice: plain for IVs, as HMAC for every key and authentication hash."),
ex(K,"skeyid","SKEYID and SKEYID_d, SKEYID_a, SKEYID_e",20,15,[`${K}/prf`],[
"SKEYID = prf(h, psk, Ni_b | Nr_b): the key of the HMAC is the pre-shared key, the message is the two nonce bodies.",
"Check both cookies are 8 octets (FieldError \"Initiator SPI\" / \"Responder SPI\"). Then each key is prf(h, SKEYID, previous | g^xy | CKY-I | CKY-R | n) with previous empty for SKEYID_d.",
"new ByteWriter().bytes(previous).bytes(gxy).bytes(ckyI).bytes(ckyR).u8(n).finish() builds the message."],
"Four prf calls turn the pre-shared key, the nonces, g^xy and the cookies into the three keys of the ISAKMP SA."),
ex(K,"enc-key","The encryption key, expanded when SKEYID_e is too short",15,10,[`${K}/prf`],[
"If skeyidE.length >= keyBytes, return skeyidE.slice(0, keyBytes).",
"Otherwise k = prf(h, skeyidE, new Uint8Array([0])); append k; then k = prf(h, skeyidE, k) until you have keyBytes octets; cut."],
"When the cipher wants more key than the hash gives, RFC 2409 Appendix B feeds the prf its own output."),
ex(K,"iv","The phase-1 IV and the IV of a new exchange",15,10,[`${K}/prf`],[
"phase1Iv: hash(h, gxi | gxr).slice(0, blockBytes), with the plain hash, not the prf.",
"exchangeIv: hash(h, lastPhase1Block | Message ID as a u32).slice(0, blockBytes); ByteWriter.u32(messageId, \"Message ID\") checks the Message ID.",
"Check blockBytes (1 to the hash length, FieldError \"Block size\") and the last block's length (FieldError \"Last phase 1 block\")."],
"Phase 1 starts CBC from a hash of the two public values; every later exchange starts from the last phase-1 block and its own message ID."),
ex(K,"auth-hash","HASH_I and HASH_R",15,10,[`${K}/prf`],[
"HASH_I = prf(h, skeyid, gxi | gxr | ckyI | ckyR | saiB | idiiB).",
"HASH_R swaps the two public values and the two cookies, keeps saiB (the initiator's SA body), and ends with idirB."],
"With pre-shared keys, each side proves it knows the key by a prf over everything exchanged so far."),
ex(K,"cbc","CBC encryption of a message body, with the IV chain",25,15,[],[
"padBody: new Uint8Array(body.length + blockBytes - body.length % blockBytes), then set(body): zeros, at least one.",
"AES: cbc(key, iv, { disablePadding: true }).encrypt(padded) from \"@noble/ciphers/aes.js\". 3DES: createCipheriv(\"des-ede3-cbc\", key, iv), setAutoPadding(false), Buffer.concat([update(data), final()]).",
"Check the key length and IV length against ikeCipher(cipher) first. nextIv is always ciphertext.slice(-blockBytes), for encryption and decryption alike."],
"Messages 5 and 6 and everything after are CBC-encrypted with one IV chain per exchange, and padding that receivers simply skip."),
]});
fs.writeFileSync("grader/course.json",JSON.stringify(c,null,2)+"\n");

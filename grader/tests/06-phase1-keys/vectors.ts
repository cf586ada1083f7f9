/** Hex helpers shared by the chapter 06 hidden tests. (Not a test file.) */
export const b = (hexText: string): Uint8Array => Uint8Array.from(Buffer.from(hexText.replace(/\s+/g, ""), "hex"));
export const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

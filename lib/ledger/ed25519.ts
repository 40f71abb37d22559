// Ed25519 (RFC 8032) through WebCrypto, which both the browser and Node.js provide. The node's hot paths use
// node:crypto's synchronous calls instead (lib/server/ed25519.ts); both satisfy SignatureVerifier.
import { bytesToHex, hexToBytes, hex64Pattern, hex128Pattern } from "./hex";

/** Checks an Ed25519 signature; public key and signature as lowercase hex. False for anything malformed. */
export type SignatureVerifier = (
  publicKeyHex: string,
  message: Uint8Array,
  signatureHex: string,
) => boolean | Promise<boolean>;

const algorithm = { name: "Ed25519" } as const;

export const verifyWithWebCrypto: SignatureVerifier = async (publicKeyHex, message, signatureHex) => {
  if (!hex64Pattern.test(publicKeyHex) || !hex128Pattern.test(signatureHex)) return false;
  try {
    const key = await crypto.subtle.importKey("raw", hexToBytes(publicKeyHex), algorithm, false, ["verify"]);
    return await crypto.subtle.verify(algorithm, key, hexToBytes(signatureHex), message as Uint8Array<ArrayBuffer>);
  } catch {
    // A key that is not a curve point cannot have signed anything.
    return false;
  }
};

export async function signWithWebCrypto(privateKey: CryptoKey, message: Uint8Array): Promise<string> {
  const signature = await crypto.subtle.sign(algorithm, privateKey, message as Uint8Array<ArrayBuffer>);
  return bytesToHex(new Uint8Array(signature));
}

export async function exportPublicKeyHex(publicKey: CryptoKey): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.exportKey("raw", publicKey)));
}

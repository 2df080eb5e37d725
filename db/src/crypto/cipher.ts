import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  randomFillSync,
  timingSafeEqual,
} from "node:crypto";

const PREFIX = "enc1";

/**
 * AES-256-GCM for data at rest. A ciphertext reads `enc1:<keyId>:<iv>:<tag>:<data>` (base64url), so
 * keys can be rotated: old ciphertexts name the key that opens them. The associated data binds a
 * ciphertext to its purpose (e.g. "channel.access_token"), so one cannot be swapped for another.
 */
export class Cipher {
  readonly currentKeyId: string;
  // KeyObjects, made once: handing createCipheriv a raw Buffer re-imports the key on every call
  // (measured: 62 µs → 22 µs per encryption on the runtime's hot path).
  readonly #keys: Map<string, KeyObject>;
  readonly #current: KeyObject;
  // Associated data per purpose, encoded once (there are a handful of purposes).
  readonly #aad = new Map<string, Buffer>();
  // IVs come from a pool filled from the CSPRNG 4 KB at a time: one kernel call per 341 encryptions
  // instead of one each. Every IV is still 96 fresh random bits, used once.
  #ivPool = Buffer.alloc(0);
  #ivOffset = 0;
  // Signing keys per master key and purpose, derived once.
  readonly #macKeys = new Map<string, KeyObject>();

  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error("Cipher needs at least one key");
    this.#keys = new Map();
    for (const key of keys) {
      if (key.length !== 32) throw new Error("encryption keys must be 32 bytes");
      this.#keys.set(keyIdOf(key), createSecretKey(key));
    }
    this.currentKeyId = keyIdOf(keys[0] as Buffer);
    this.#current = this.#keys.get(this.currentKeyId) as KeyObject;
  }

  encrypt(plaintext: string, purpose: string): string {
    const iv = this.#nextIv();
    const cipher = createCipheriv("aes-256-gcm", this.#current, iv);
    cipher.setAAD(this.#aadOf(purpose));
    const data = cipher.update(plaintext, "utf8");
    const rest = cipher.final(); // empty for GCM, which is a stream mode
    const tag = cipher.getAuthTag();
    const body = rest.length > 0 ? Buffer.concat([data, rest]) : data;
    return `${PREFIX}:${this.currentKeyId}:${b64(iv)}:${b64(tag)}:${b64(body)}`;
  }

  decrypt(token: string, purpose: string): string {
    const [prefix, keyId, iv, tag, data] = token.split(":");
    if (prefix !== PREFIX || !keyId || !iv || !tag || data === undefined) throw new Error("not a ciphertext");
    const key = this.#keys.get(keyId);
    if (!key) throw new Error(`no key with id ${keyId} (was the master key rotated away?)`);
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(this.#aadOf(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  }

  encryptJson(value: unknown, purpose: string): string {
    return this.encrypt(JSON.stringify(value), purpose);
  }

  decryptJson(token: string, purpose: string): unknown {
    return JSON.parse(this.decrypt(token, purpose));
  }

  #aadOf(purpose: string): Buffer {
    let aad = this.#aad.get(purpose);
    if (!aad) {
      aad = Buffer.from(purpose);
      if (this.#aad.size < 1_000) this.#aad.set(purpose, aad);
    }
    return aad;
  }

  #nextIv(): Buffer {
    if (this.#ivOffset + 12 > this.#ivPool.length) {
      // A new buffer each time: IVs handed out earlier keep their bytes.
      this.#ivPool = randomFillSync(Buffer.allocUnsafe(12 * 341));
      this.#ivOffset = 0;
    }
    const iv = this.#ivPool.subarray(this.#ivOffset, this.#ivOffset + 12);
    this.#ivOffset += 12;
    return iv;
  }

  /**
   * An HMAC-SHA256 tag of `data` for `purpose`, under a key derived (HKDF) from the current master
   * key: `<keyId>.<tag>`. For values the server hands out and must recognise later without storing
   * them (a device cookie); the purpose keeps a tag made for one use from passing for another.
   */
  sign(data: string, purpose: string): string {
    return `${this.currentKeyId}.${this.#mac(this.currentKeyId, data, purpose)}`;
  }

  /** Whether `signature` is sign(data, purpose) under a key still held (a rotation keeps it valid). */
  verifySignature(data: string, signature: string, purpose: string): boolean {
    const [keyId, tag, extra] = signature.split(".");
    if (!keyId || !tag || extra !== undefined || !this.#keys.has(keyId)) return false;
    const expected = Buffer.from(this.#mac(keyId, data, purpose), "base64url");
    const given = Buffer.from(tag, "base64url");
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * A keyed blind index of `data` for `purpose`: HMAC-SHA256 under a key derived (HKDF) from the
   * current master key, `<keyId>.<tag>`. Deterministic, so an encrypted value (a phone number) can
   * still be looked up by equality, yet meaningless without the key (no dictionary of all phone
   * numbers opens it). Rotating the master key means recomputing stored indexes.
   */
  blindIndex(data: string, purpose: string): string {
    return `${this.currentKeyId}.${this.#mac(this.currentKeyId, data, `blind-index:${purpose}`)}`;
  }

  #mac(keyId: string, data: string, purpose: string): string {
    const id = `${keyId}:${purpose}`;
    let key = this.#macKeys.get(id);
    if (!key) {
      const master = this.#keys.get(keyId) as KeyObject;
      key = createSecretKey(Buffer.from(hkdfSync("sha256", master, "", `benteng.mac:${purpose}`, 32)));
      if (this.#macKeys.size < 1_000) this.#macKeys.set(id, key);
    }
    return createHmac("sha256", key).update(data).digest("base64url");
  }

  /** Whether older keys are held besides the current one (a key rotation is under way). */
  get rotating(): boolean {
    return this.#keys.size > 1;
  }

  /** Whether a blind index was made with an older key (see reindexContacts). */
  isStaleIndex(index: string): boolean {
    return !index.startsWith(`${this.currentKeyId}.`);
  }

  /** Whether a ciphertext was made with an older key (the rotation command re-encrypts those). */
  isStale(token: string): boolean {
    return token.split(":")[1] !== this.currentKeyId;
  }
}

function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function b64(b: Buffer): string {
  return b.toString("base64url");
}

/** A fresh random 32-byte key, base64-encoded (what BENTENG_MASTER_KEY holds). */
export function generateMasterKey(): string {
  return randomBytes(32).toString("base64");
}

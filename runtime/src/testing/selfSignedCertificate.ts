import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

/** A PEM key and certificate for a loopback TLS server, and the certificate again as what to trust. */
export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

/**
 * A self-signed ECDSA P-256 certificate for `127.0.0.1` and `localhost`, valid for a day, made in
 * process (Node can sign but has no API to issue a certificate, and tests must not depend on an
 * `openssl` binary): the X.509 structure is written in DER by hand, as RFC 5280 lays it out.
 */
export function selfSignedCertificate(commonName = "benteng test server"): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(commonName, "utf8")))));
  const now = Date.now();
  const validity = seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 24 * 3_600_000)));
  // subjectAltName: the names a client checks the certificate against (the common name is not).
  const altNames = seq(tlv(0x87, Buffer.from([127, 0, 0, 1])), tlv(0x82, Buffer.from("localhost")));
  const extensions = tlv(0xa3, seq(seq(oid("2.5.29.17"), tlv(0x04, altNames))));
  const serial = randomBytes(8);
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version 3
    tlv(0x02, serial),
    ecdsaWithSha256,
    name,
    validity,
    name,
    publicKey.export({ type: "spki", format: "der" }),
    extensions,
  );
  const signature = sign("sha256", tbs, privateKey); // DER-encoded ECDSA signature
  const certificate = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${certificate
      .toString("base64")
      .replace(/.{64}/g, "$&\n")
      .trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}

function tlv(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) base128.unshift((v & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = `${date.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`; // YYMMDDHHMMSSZ
  return tlv(0x17, Buffer.from(text, "ascii"));
}

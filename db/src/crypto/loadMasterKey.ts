import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Cipher, generateMasterKey } from "./cipher.ts";

/**
 * The cipher for this installation. Keys come from BENTENG_MASTER_KEY (base64 32 bytes; several,
 * comma-separated, newest first, during a rotation). Without it, the embedded default generates one
 * into `<dataDir>/master.key` with 0600 permissions, once.
 */
export function loadCipher(options: { masterKeys: string | undefined; dataDir: string }): Cipher {
  let encoded = options.masterKeys;
  if (!encoded) {
    const file = join(options.dataDir, "master.key");
    if (!existsSync(file)) {
      mkdirSync(options.dataDir, { recursive: true });
      writeFileSync(file, `${generateMasterKey()}\n`, { mode: 0o600, flag: "wx" });
    }
    encoded = readFileSync(file, "utf8").trim();
  }
  const keys = encoded.split(",").map((k) => Buffer.from(k.trim(), "base64"));
  return new Cipher(keys);
}

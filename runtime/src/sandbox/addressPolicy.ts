import { BlockList, isIP } from "node:net";

/** Why an address may not be reached from a script, or null when it is a public unicast address. */
export type AddressRefusal =
  | "loopback"
  | "private"
  | "link-local"
  | "shared (CGNAT)"
  | "cloud metadata"
  | "multicast"
  | "unspecified"
  | "reserved"
  | "not an IP address";

const v4: Array<[string, number, AddressRefusal]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (CGNAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.169.254", 32, "cloud metadata"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const v6: Array<[string, number, AddressRefusal]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fd00:ec2::254", 128, "cloud metadata"],
  // IPv4-compatible and any IPv4-mapped spelling not unwrapped above.
  ["::", 96, "reserved"],
  ["::ffff:0:0", 96, "reserved"],
  // NAT64, discard, IETF special (Teredo, ORCHID…), documentation and 6to4 can all be steered at
  // internal IPv4 space; no legitimate API needs them.
  ["64:ff9b::", 96, "reserved"],
  ["64:ff9b:1::", 48, "reserved"],
  ["100::", 64, "reserved"],
  ["2001::", 23, "reserved"],
  ["2001:db8::", 32, "reserved"],
  ["2002::", 16, "reserved"],
  ["fc00::", 7, "private"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "private"],
  ["ff00::", 8, "multicast"],
];

// One BlockList per reason keeps the answer explainable ("refused: cloud metadata"); order matters
// because the metadata address sits inside link-local and ULA space.
const rules = [...v4.map((r) => [...r, "ipv4"] as const), ...v6.map((r) => [...r, "ipv6"] as const)].map(
  ([network, prefix, reason, family]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, reason, family };
  },
);

/**
 * Decides whether a script's fetch may connect to an address. Addresses the host resolved are
 * passed here before connecting; IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 part.
 * @example refuseAddress("10.1.2.3") === "private"; refuseAddress("93.184.215.14") === null
 */
export function refuseAddress(address: string): AddressRefusal | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    // The WHATWG URL serializer gives every spelling of an IPv6 address one canonical form, in which
    // an IPv4-mapped address reads ::ffff:hhhh:hhhh.
    const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(canonical);
    if (hexMapped) {
      const hi = Number.parseInt(hexMapped[1]!, 16);
      const lo = Number.parseInt(hexMapped[2]!, 16);
      return refuseAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const rule of rules) if (rule.family === type && rule.list.check(address, type)) return rule.reason;
  return null;
}

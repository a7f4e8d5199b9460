import { BlockList, isIP } from 'node:net';

/** True when the list is empty or the address falls in one of its CIDR blocks (IPv4 or IPv6). */
export function ipAllowed(allowlist: readonly string[] | undefined, address: string): boolean {
  if (!allowlist || allowlist.length === 0) return true;
  const family = isIP(address);
  if (family === 0) return false;
  const blocks = new BlockList();
  for (const cidr of allowlist) {
    const [network = '', bits] = cidr.split('/');
    const networkFamily = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    blocks.addSubnet(network, Number(bits ?? (networkFamily === 'ipv6' ? 128 : 32)), networkFamily);
  }
  return blocks.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

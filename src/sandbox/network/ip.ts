/**
 * IPv4 arithmetic for the simulated network: addresses as 32-bit numbers and CIDR membership
 * (parsing reuses the API server's sloppy parser, k8s.io/utils/net ParseIPSloppy/ParseCIDRSloppy).
 */
import { parseCidr4, parseIPv4 } from "../api/validation/net.js";

/** An IPv4 address as a number, or undefined when the text is not one. */
export function ipToInt(ip: string): number | undefined {
  const octets = parseIPv4(ip);
  return octets ? octets.reduce((n, o) => n * 256 + o, 0) : undefined;
}

/** A 32-bit number as dotted IPv4 text. */
export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Whether `ip` lies inside `cidr` (both IPv4; false when either does not parse). */
export function cidrContains(cidr: string, ip: string): boolean {
  const c = parseCidr4(cidr);
  const v = ipToInt(ip);
  if (!c || v === undefined) return false;
  const size = 2 ** (32 - c.bits);
  return v >= c.base && v < c.base + size;
}

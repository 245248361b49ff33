/**
 * IP addresses and CIDRs as the API server parses them (k8s.io/utils/net ParseIPSloppy,
 * ParseCIDRSloppy; messages of k8s.io/apimachinery/pkg/util/validation/ip.go).
 */
import type { FieldError } from "../field-error.js";
import { invalid } from "./field.js";

/** ip.go IsValidIP message. */
export const INVALID_IP_MSG = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
/** ip.go IsValidCIDR message. */
export const INVALID_CIDR_MSG = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

/** An IPv4 address as 4 octets (leading zeros tolerated, as "sloppy" parsing does). */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^[0-9]{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : undefined;
}

function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return false;
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g) && parseIPv4(g) === undefined)) return false;
  const count = groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** Whether the text is an IPv4 or IPv6 address. */
export function isIP(s: string): boolean {
  return parseIPv4(s) !== undefined || isIPv6(s);
}

/** A parsed IPv4 CIDR: network as a 32-bit number and prefix length. */
export interface Cidr4 {
  base: number;
  bits: number;
}

/** Parses `a.b.c.d/n`; undefined for IPv6 or invalid text. */
export function parseCidr4(s: string): Cidr4 | undefined {
  const [ip, len, extra] = s.split("/");
  if (extra !== undefined || len === undefined || !/^[0-9]{1,2}$/.test(len)) return undefined;
  const octets = parseIPv4(ip ?? "");
  const bits = Number(len);
  if (!octets || bits > 32) return undefined;
  const value = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: Math.floor(value / size) * size, bits };
}

/** Whether the text is a valid IPv4 or IPv6 CIDR. */
export function isCIDR(s: string): boolean {
  if (parseCidr4(s)) return true;
  const [ip, len, extra] = s.split("/");
  return extra === undefined && len !== undefined && /^[0-9]{1,3}$/.test(len) && Number(len) <= 128 && isIPv6(ip ?? "");
}

/** `IsValidCIDR`. */
export function validateCIDR(value: string, path: string): FieldError[] {
  return isCIDR(value) ? [] : [invalid(path, value, INVALID_CIDR_MSG)];
}

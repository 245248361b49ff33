/**
 * Reads CLI input (files or standard input) without ever holding more than the paste limit plus
 * one byte: an oversized input is reported by size, not loaded.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { LIMITS } from "../core/limits.js";

export interface InputSource {
  name: string;
  /** Bytes read (at most LIMITS.pasteBytes). */
  bytes: Buffer;
  /** Total size when over the limit (bytes were not all read). */
  oversizeBytes?: number;
}

function readCapped(fd: number, cap: number): { bytes: Buffer; total: number; truncated: boolean } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total <= cap) chunks.push(Buffer.from(buf.subarray(0, n)));
    else if (total - n < cap) chunks.push(Buffer.from(buf.subarray(0, cap - (total - n))));
  }
  return { bytes: Buffer.concat(chunks), total, truncated: total > cap };
}

/** Reads one file, or standard input for `-`. Throws (a usage error) when a file cannot be read. */
export function readInput(path: string): InputSource {
  const cap = LIMITS.pasteBytes;
  if (path === "-") {
    const { bytes, total, truncated } = readCapped(0, cap);
    return truncated ? { name: "STDIN", bytes, oversizeBytes: total } : { name: "STDIN", bytes };
  }
  const size = statSync(path).size;
  if (size > cap) return { name: path, bytes: Buffer.alloc(0), oversizeBytes: size };
  const fd = openSync(path, "r");
  try {
    return { name: path, bytes: readCapped(fd, cap).bytes };
  } finally {
    closeSync(fd);
  }
}

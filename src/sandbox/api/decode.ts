/**
 * Decoding: turns a parsed document into a stored-shape object, rejecting what the API server's
 * decoder rejects (wrong types, unknown fields under strict validation, malformed quantities).
 * Minimal first version.
 */
import type { KubeObject } from "../model/object.js";
import type { KindInfo } from "./types.js";

export type DecodeResult = { ok: true; object: KubeObject; warnings: string[] } | { ok: false; message: string };

export function decodeObject(input: Record<string, unknown>, _info: KindInfo): DecodeResult {
  const metadata = input.metadata;
  const object = { ...input, metadata: metadata && typeof metadata === "object" ? metadata : {} } as KubeObject;
  return { ok: true, object, warnings: [] };
}

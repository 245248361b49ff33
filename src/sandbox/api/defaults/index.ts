/**
 * Defaulting as the API server does it on decode (pkg/apis/<group>/v1/defaults.go).
 * Minimal first version.
 */
import type { KubeObject } from "../../model/object.js";
import type { KindInfo } from "../types.js";

export function applyDefaults(_obj: KubeObject, _info: KindInfo): void {}

/**
 * ConfigMaps and Secrets (pkg/apis/core/validation/validation.go ValidateConfigMap,
 * ValidateConfigMapUpdate, ValidateSecret, ValidateSecretUpdate).
 */
import type { FieldError } from "../field-error.js";
import { forbidden, invalid, key, required, tooLong } from "./field.js";
import { unmarshalMapError } from "./go-json.js";
import { FIELD_IMMUTABLE_MSG, validateObjectMeta } from "./meta.js";
import { isConfigMapKey, nameIsDNSSubdomain } from "./names.js";
import { jsonEqual, type Obj, rec, str, strMap } from "./values.js";

/** core.MaxSecretSize: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";

function validateKeys(data: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(rec(data) ?? {}))
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key(path, k), k, msg));
  return errs;
}

/** `ValidateConfigMap`: keys of data and binaryData; a key may not be in both. */
export function validateConfigMap(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...validateKeys(obj.data, "data"));
  const data = rec(obj.data) ?? {};
  for (const k of Object.keys(rec(obj.binaryData) ?? {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key("binaryData", k), k, msg));
    if (k in data) errs.push(invalid(key("data", k), k, "duplicate of key present in binaryData"));
  }
  return errs;
}

// pkg/apis/core/types.go: the keys each built-in Secret type requires.
const REQUIRED_SECRET_KEYS: Record<string, string[]> = {
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
  "kubernetes.io/ssh-auth": ["ssh-privatekey"],
};

// The types whose one key must hold a JSON object (Go's json.Unmarshal into a map).
const DOCKER_CONFIG_KEYS: Record<string, string> = {
  "kubernetes.io/dockercfg": ".dockercfg",
  "kubernetes.io/dockerconfigjson": ".dockerconfigjson",
};

const SERVICE_ACCOUNT_NAME_KEY = "kubernetes.io/service-account.name";

/** The bytes of a key: `stringData` is plain text and wins over `data`, which is base64. */
function secretBytes(obj: Obj, k: string): Uint8Array {
  const plain = rec(obj.stringData)?.[k];
  if (plain !== undefined) return Buffer.from(str(plain), "utf8");
  return Buffer.from(str(rec(obj.data)?.[k]), "base64");
}

/** `ValidateSecret`: data keys, total size, then the rules of the built-in types. */
export function validateSecret(obj: Obj): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  const data = { ...(rec(obj.data) ?? {}), ...(rec(obj.stringData) ?? {}) };
  errs.push(...validateKeys(data, "data"));
  const size = Object.values(data).reduce((n: number, v) => n + str(v).length, 0);
  if (size > MAX_SECRET_SIZE) errs.push(tooLong("data", MAX_SECRET_SIZE));
  const type = str(obj.type);
  for (const k of REQUIRED_SECRET_KEYS[type] ?? []) if (!(k in data)) errs.push(required(key("data", k)));
  const dockerKey = DOCKER_CONFIG_KEYS[type];
  if (dockerKey !== undefined) {
    if (!(dockerKey in data)) errs.push(required(key("data", dockerKey)));
    else {
      const err = unmarshalMapError(secretBytes(obj, dockerKey));
      if (err) errs.push(invalid(key("data", dockerKey), "<secret contents redacted>", err));
    }
  }
  if (
    type === "kubernetes.io/service-account-token" &&
    !strMap(rec(obj.metadata)?.annotations)?.[SERVICE_ACCOUNT_NAME_KEY]
  ) {
    errs.push(required(key("metadata.annotations", SERVICE_ACCOUNT_NAME_KEY)));
  }
  // Username or password may be empty, but one of the keys must be there.
  if (type === "kubernetes.io/basic-auth" && !("username" in data) && !("password" in data)) {
    errs.push(required(key("data", "username")), required(key("data", "password")));
  }
  return errs;
}

function immutableData(obj: Obj, old: Obj, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden("immutable", IMMUTABLE_WHEN_SET));
  for (const f of fields) if (!jsonEqual(obj[f] ?? null, old[f] ?? null)) errs.push(forbidden(f, IMMUTABLE_WHEN_SET));
  return errs;
}

/** `ValidateConfigMapUpdate`. */
export function validateConfigMapUpdate(obj: Obj, old: Obj): FieldError[] {
  return [...immutableData(obj, old, ["data", "binaryData"]), ...validateConfigMap(obj)];
}

/** `ValidateSecretUpdate`: the type never changes; data is frozen when immutable. */
export function validateSecretUpdate(obj: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (str(obj.type) !== str(old.type)) errs.push(invalid("type", str(obj.type), FIELD_IMMUTABLE_MSG));
  return [...errs, ...immutableData(obj, old, ["data"]), ...validateSecret(obj)];
}

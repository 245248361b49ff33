/**
 * The texts a learner sees when a paste cannot be read: kubectl's own wording where kubectl has
 * one, and a message naming the limit (`describeLimit`) where podsensei draws a line.
 */
import { describeLimit, LIMITS } from "../../core/limits.js";

/**
 * kubectl's prefix for a document go-yaml could not read: sigs.k8s.io/yaml yaml.go `YAMLToJSON`
 * wraps go-yaml's error ("yaml: " + reason, go.yaml.in/yaml/v2 yaml.go `failf`) as
 * "error converting YAML to JSON: %v".
 */
export function goYamlMessage(reason: string, line?: number): string {
  const where = line === undefined ? "" : `line ${line}: `;
  return `error converting YAML to JSON: yaml: ${where}${reason}`;
}

/**
 * A duplicate key, as goyaml.v2 decode.go `mapping` reports it (`line %d: key %#v already set in
 * map`) under sigs.k8s.io/yaml's strict conversion; `key` is already in Go `%#v` form.
 */
export function duplicateKeyMessage(key: string, line: number): string {
  return `error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${key} already set in map`;
}

/**
 * kubectl's frame around any error reading the stream: cli-runtime pkg/resource/visitor.go
 * `StreamVisitor.Visit` returns "error parsing %s: %v" with the file name (`STDIN` for a pipe).
 */
export function parsingError(filename: string, message: string): string {
  return `error parsing ${filename}: ${message}`;
}

/** A separator line kubectl refuses (k8s.io/apimachinery/pkg/util/yaml/decoder.go `YAMLReader.Read`). */
export function badSeparatorMessage(rest: string): string {
  return `invalid Yaml document separator: ${rest}`;
}

/** A key printed as Go's `%#v` prints the value go-yaml decoded: strings quoted, numbers and booleans bare. */
export function goQuoteKey(key: unknown): string {
  return typeof key === "string" ? JSON.stringify(key) : String(key);
}

/**
 * Translations of js-yaml reasons to go-yaml's wording for the same fault (go.yaml.in/yaml/v2
 * scannerc.go, readerc.go). Reasons not listed keep js-yaml's text after kubectl's prefix.
 */
const GO_YAML_REASONS: Record<string, string> = {
  "tab characters must not be used in indentation": "found character that cannot start any token",
  "null byte is not allowed in input": "control characters are not allowed",
  "the stream contains non-printable characters": "control characters are not allowed",
};

/** go-yaml's wording for a js-yaml reason. */
export function goYamlReason(jsYamlReason: string): string {
  return GO_YAML_REASONS[jsYamlReason] ?? jsYamlReason;
}

/**
 * A document that is not a mapping: kubectl reads `apiVersion` and `kind` into a two-field struct
 * (k8s.io/apimachinery/pkg/runtime/serializer/json/meta.go `SimpleMetaFactory.Interpret`) and
 * reports the JSON decoding error as `unable to decode %q: %v` (k8s.io/cli-runtime/pkg/resource/mapper.go).
 */
export function notAnObjectMessage(filename: string, value: unknown): string {
  return (
    `unable to decode ${JSON.stringify(filename)}: json: cannot unmarshal ${jsonKind(value)} into Go value of type ` +
    'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }'
  );
}

/**
 * A List item that is not a mapping: items are decoded into `map[string]interface{}`
 * (k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/helpers.go `decodeToList`).
 */
export function listItemNotAnObjectMessage(filename: string, value: unknown): string {
  return `unable to decode ${JSON.stringify(filename)}: json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`;
}

/** The JSON type name Go's encoding/json uses in an `UnmarshalTypeError`. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  return "object";
}

/** The paste is over the size limit; `bytes` is its UTF-8 size. */
export function pasteSizeMessage(bytes: number): string {
  return `the paste is ${formatSize(bytes)}, over the ${describeLimit("pasteBytes")}`;
}

/** More documents than allowed. */
export function documentsMessage(documents: number): string {
  return `the paste has ${documents.toLocaleString("en-US")} documents, over the ${describeLimit("documents")}`;
}

/** More objects (documents plus List items) than allowed. */
export function objectsMessage(): string {
  return `the paste has more than ${LIMITS.objects.toLocaleString("en-US")} objects, over the ${describeLimit("objects")}`;
}

/** One document uses more aliases than allowed. */
export function tooManyAliasesMessage(): string {
  return `this document uses more than ${LIMITS.aliasesPerDocument} YAML aliases (*name), over the ${describeLimit("aliasesPerDocument")}`;
}

/** Aliases across the paste expand to more values than allowed. */
export function aliasExpansionMessage(): string {
  return `YAML aliases in the paste expand to more than ${LIMITS.aliasExpansionNodes.toLocaleString("en-US")} values, over the ${describeLimit("aliasExpansionNodes")}`;
}

/** Mappings and lists nest deeper than allowed. */
export function nestingMessage(): string {
  return `mappings and lists are nested more than ${LIMITS.nestingDepth} levels deep, over the ${describeLimit("nestingDepth")}`;
}

/** One string is longer than allowed. */
export function stringLengthMessage(length: number): string {
  return `a string of ${length.toLocaleString("en-US")} characters is over the ${describeLimit("stringLength")}`;
}

function formatSize(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && (bytes / mib).toFixed(1) !== (LIMITS.pasteBytes / mib).toFixed(1)) {
    return `${(bytes / mib).toFixed(1)} MiB`;
  }
  return `${bytes.toLocaleString("en-US")} bytes`;
}

/**
 * The YAML schema manifests are read with. kubectl converts YAML to JSON with go-yaml v2
 * (sigs.k8s.io/yaml `YAMLToJSON` over its goyaml.v2 fork), which resolves plain scalars by YAML 1.1
 * rules: `yes`/`on`/`y` are booleans and `0644` is octal (420), which matters for fields such as
 * `defaultMode`. Timestamps stay strings there (goyaml.v2 decode.go keeps timestamp-like scalars
 * as strings for `interface{}` targets), so no tag here makes anything but JSON values: no Date,
 * no binary, no set, no custom JavaScript types. Merge keys (`<<`) are on, as in go-yaml.
 */
import { boolYaml11Tag, CORE_SCHEMA, intYaml11Tag, mergeTag, nullYaml11Tag, type Schema } from "js-yaml";

/** Core schema with go-yaml v2's YAML 1.1 null/bool/int resolution and merge keys. */
export const MANIFEST_SCHEMA: Schema = CORE_SCHEMA.withTags(nullYaml11Tag, boolYaml11Tag, intYaml11Tag, mergeTag);

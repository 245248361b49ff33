import { describe, expect, it } from "vitest";
import { unmarshalMapError } from "../../../../src/sandbox/api/validation/go-json.js";

const err = (text: string) => unmarshalMapError(Buffer.from(text, "utf8"));

describe("Go json.Unmarshal into map[string]interface{} error texts", () => {
  it.each([
    ['{"auths": {}}', null],
    ["  null ", null],
    ["", "unexpected end of JSON input"],
    ['{"auths": ', "unexpected end of JSON input"],
    ['{"a": "b', "unexpected end of JSON input"],
    ["{auths: {}}", "invalid character 'a' looking for beginning of object key string"],
    ["{'a': 1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', "invalid character '\"' after object key:value pair"],
    ['{"a": [1 2]}', "invalid character '2' after array element"],
    ['{"a": 1,}', "invalid character '}' looking for beginning of object key string"],
    ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a": 01}', "invalid character '1' after object key:value pair"],
    ['{"a": 1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a": 1e}', "invalid character '}' in exponent of numeric literal"],
    ['{"a": -}', "invalid character '}' in numeric literal"],
    ['{"a": "\\q"}', "invalid character 'q' in string escape code"],
    ['{"a": "\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape"],
    ['{"a": "x\ty"}', "invalid character '\\t' in string literal"],
    ["{} {}", "invalid character '{' after top-level value"],
    ["x", "invalid character 'x' looking for beginning of value"],
    ['"auths"', "json: cannot unmarshal string into Go value of type map[string]interface {}"],
    ["42", "json: cannot unmarshal number into Go value of type map[string]interface {}"],
    ["true", "json: cannot unmarshal bool into Go value of type map[string]interface {}"],
  ])("%j → %s", (input, want) => {
    expect(err(input)).toBe(want);
  });
});

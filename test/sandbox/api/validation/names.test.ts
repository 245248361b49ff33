import { describe, expect, it } from "vitest";
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from "../../../../src/sandbox/api/validation/names.js";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const KEY_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("upstream name formats", () => {
  it.each([
    { name: "valid subdomain", fn: isDNS1123Subdomain, value: "web.example-1", want: [] },
    { name: "uppercase subdomain", fn: isDNS1123Subdomain, value: "Web_1", want: [SUBDOMAIN] },
    {
      name: "long subdomain",
      fn: isDNS1123Subdomain,
      value: "a".repeat(254),
      want: ["must be no more than 253 characters"],
    },
    { name: "valid label", fn: isDNS1123Label, value: "web-1", want: [] },
    { name: "label with dots", fn: isDNS1123Label, value: "web.v1", want: ["must not contain dots"] },
    { name: "label with underscore", fn: isDNS1123Label, value: "my_app", want: [LABEL] },
    { name: "long label", fn: isDNS1123Label, value: "a".repeat(64), want: ["must be no more than 63 characters"] },
    { name: "1035 label starting with a digit", fn: isDNS1035Label, value: "1web", want: [DNS1035] },
    { name: "valid 1035 label", fn: isDNS1035Label, value: "web-1", want: [] },
  ])("$name", ({ fn, value, want }) => {
    expect(fn(value)).toEqual(want);
  });

  it.each([
    { key: "app", want: [] },
    { key: "app.kubernetes.io/name", want: [] },
    { key: "-app", want: [KEY_NAME] },
    { key: "/app", want: ["prefix part must be non-empty"] },
    { key: "example.com/", want: ["name part must be non-empty", KEY_NAME] },
    { key: "a".repeat(64), want: ["name part must be no more than 63 characters"] },
  ])("label key $key", ({ key, want }) => {
    expect(isQualifiedName(key)).toEqual(want);
  });

  it.each([
    { value: "", want: [] },
    { value: "web_1.v2", want: [] },
    { value: "web app", want: [LABEL_VALUE] },
    { value: "v".repeat(64), want: ["must be no more than 63 characters"] },
  ])("label value '$value'", ({ value, want }) => {
    expect(isValidLabelValue(value)).toEqual(want);
  });

  it.each([
    { port: 0, want: ["must be between 1 and 65535, inclusive"] },
    { port: 65536, want: ["must be between 1 and 65535, inclusive"] },
    { port: 8080, want: [] },
  ])("port number $port", ({ port, want }) => {
    expect(isValidPortNum(port)).toEqual(want);
  });

  it.each([
    { name: "http", want: [] },
    { name: "8080", want: ["must contain at least one letter (a-z)"] },
    { name: "my_port", want: ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"] },
    { name: "a-very-long-port-name", want: ["must be no more than 15 characters"] },
    { name: "web--x", want: ["must not contain consecutive hyphens"] },
  ])("port name $name", ({ name, want }) => {
    expect(isValidPortName(name)).toEqual(want);
  });

  it("env var names are relaxed: anything printable but '='", () => {
    expect(isRelaxedEnvVarName("1-MY.VAR")).toEqual([]);
    expect(isRelaxedEnvVarName("A=B")).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
  });

  it("config map keys", () => {
    expect(isConfigMapKey("app.properties")).toEqual([]);
    expect(isConfigMapKey("my key")).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey("..data")).toEqual(["must not start with '..'"]);
  });
});

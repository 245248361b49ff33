/**
 * Field errors as the API server reports them (k8s.io/apimachinery/pkg/util/validation/field
 * errors.go): `<field>: <body>`, where the body depends on the error type, and the kubectl
 * envelope `The <Kind> "<name>" is invalid: ...` (kubectl cmdutil StandardErrorMessage).
 */

export type FieldErrorType =
  | "Required"
  | "Invalid"
  | "Unsupported"
  | "Forbidden"
  | "Duplicate"
  | "NotFound"
  | "TooLong"
  | "TooMany"
  | "Internal";

export interface FieldError {
  type: FieldErrorType;
  /** JSON path as upstream prints it: `spec.template.spec.containers[0].image`. */
  field: string;
  /** The offending value (Invalid, Unsupported, Duplicate, NotFound). */
  value?: unknown;
  /** Free text after the value. */
  detail?: string;
  /** Allowed values (Unsupported). */
  supported?: string[];
  /**
   * The value exactly as Go's `%#v` prints it, when the JS value cannot say it (e.g.
   * `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}` or `map[string]string{"app":"web"}`).
   */
  goValue?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: "Required value",
  Invalid: "Invalid value",
  Unsupported: "Unsupported value",
  Forbidden: "Forbidden",
  Duplicate: "Duplicate value",
  NotFound: "Not found",
  TooLong: "Too long",
  TooMany: "Too many",
  Internal: "Internal error",
};

/** Go `%q`-style quoting for strings (JSON escaping matches for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Prints a value as field errors do: strings quoted, numbers and booleans bare, maps Go-style. */
export function goValue(value: unknown): string {
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === "string")) {
      const sorted = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `map[string]string{${sorted.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(", ")}}`;
    }
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return `[]string{${value.map((v) => goQuote(v as string)).join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** The body of a field error, after `<field>: `. */
export function fieldErrorBody(e: FieldError): string {
  const head = TYPE_TEXT[e.type];
  switch (e.type) {
    case "Invalid":
    case "Duplicate":
    case "NotFound": {
      const v = e.goValue ?? goValue(e.value);
      return e.detail ? `${head}: ${v}: ${e.detail}` : `${head}: ${v}`;
    }
    case "Unsupported": {
      const v = e.goValue ?? goValue(e.value);
      const tail = e.supported?.length ? `: supported values: ${e.supported.map(goQuote).join(", ")}` : "";
      return `${head}: ${v}${tail}`;
    }
    case "TooLong":
      return e.detail ? `${head}: ${e.detail}` : head;
    default:
      return e.detail ? `${head}: ${e.detail}` : head;
  }
}

/** `<field>: <body>`, as `field.Error.Error()` prints it. */
export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/**
 * kubectl's rendering of an Invalid status: one cause inline, several as a bullet list.
 * `The Deployment "web" is invalid: spec.selector: Required value`.
 */
export function invalidMessage(kind: string, name: string, errors: FieldError[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  if (errors.length === 1) return head + fieldErrorText(errors[0] as FieldError);
  return head + "\n" + errors.map((e) => `* ${fieldErrorText(e)}`).join("\n");
}

/**
 * The same error as the API server words it in the Status it returns, which controllers quote in
 * their events: `apierrors.NewInvalid` writes `<Kind[.group]> "<name>" is invalid: <aggregate>`,
 * the aggregate being `field.ErrorList.ToAggregate` (duplicates dropped; several as `[a, b]`).
 * Only kubectl's StandardErrorMessage adds "The" and the bullet list.
 */
export function invalidStatusMessage(kind: string, group: string, name: string, errors: FieldError[]): string {
  const texts = [...new Set(errors.map(fieldErrorText))];
  const aggregate = texts.length === 1 ? (texts[0] as string) : `[${texts.join(", ")}]`;
  return `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${aggregate}`;
}

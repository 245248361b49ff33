/**
 * An Indexed Job's `successPolicy` (pkg/controller/job/success_policy.go matchSuccessPolicy,
 * matchSucceededIndexesRule; JobSuccessPolicy is GA since 1.33). The first rule that the
 * succeeded indexes satisfy ends the Job early with SuccessCriteriaMet, reason SuccessPolicy.
 */
import { type Interval, parseIntervals, total } from "./job-indexes.js";

interface SuccessRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

/** batch.JobReasonSuccessPolicy. */
export const SUCCESS_POLICY_REASON = "SuccessPolicy";

/** How many of the rule's indexes have succeeded (both lists sorted and merged). */
function overlap(rule: readonly Interval[], succeeded: readonly Interval[]): number {
  let n = 0;
  let r = 0;
  let s = 0;
  while (r < rule.length && s < succeeded.length) {
    const a = rule[r] as Interval;
    const b = succeeded[s] as Interval;
    n += Math.max(0, Math.min(a.last, b.last) - Math.max(a.first, b.first) + 1);
    if (b.last < a.last) s++;
    else if (b.last > a.last) r++;
    else {
      r++;
      s++;
    }
  }
  return n;
}

/** The SuccessCriteriaMet message (`Matched rules at index N`) of the first satisfied rule, if any. */
export function matchSuccessPolicy(
  policy: { rules?: SuccessRule[] } | undefined,
  completions: number,
  succeeded: readonly Interval[],
): string | undefined {
  if (!policy || succeeded.length === 0) return undefined;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as SuccessRule;
    if (rule.succeededIndexes !== undefined) {
      const wanted = parseIntervals(rule.succeededIndexes, completions);
      if (wanted.length === 0) continue;
      const got = overlap(wanted, succeeded);
      if (got === total(wanted) || (rule.succeededCount !== undefined && got >= rule.succeededCount)) {
        return `Matched rules at index ${i}`;
      }
    } else if (rule.succeededCount !== undefined && total(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}

/**
 * The shared score normaliser (pkg/scheduler/framework/plugins/helper/normalize_score.go
 * `DefaultNormalizeScore`): scales scores so the highest becomes `maxPriority`, optionally reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Int32Array): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const v = Math.trunc((maxPriority * (scores[i] as number)) / max);
    scores[i] = reverse ? maxPriority - v : v;
  }
}

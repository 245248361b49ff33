/** The format of `test/scenarios/*.yaml`: manifests, cluster, horizon, actions, expectations. */
import { z } from "zod";

const glob = z.string();

export const scenarioSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    manifests: z.string(),
    cluster: z.string().optional(),
    at: z.string().optional(),
    then: z.array(z.string()).optional(),
    /** Files that `then` actions name (`kubectl apply -f NAME`), relative to the run's working directory. */
    files: z.record(z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/), z.string()).optional(),
    seed: z.number().int().optional(),
    exitCode: z.number().int().optional(),
    expect: z
      .object({
        rejected: z
          .array(
            z
              .object({
                document: z.number().optional(),
                kind: z.string().optional(),
                messageIncludes: z.string().optional(),
                message: z.string().optional(),
              })
              .strict(),
          )
          .optional(),
        rejectedCount: z.number().int().optional(),
        pods: z
          .array(
            z
              .object({
                namePattern: glob.optional(),
                owner: z.string().nullable().optional(),
                count: z.number().int().optional(),
                phase: z.string().optional(),
                node: z.string().nullable().optional(),
                ready: z.boolean().optional(),
                reason: z.string().nullable().optional(),
                restartsAtLeast: z.number().int().optional(),
                restartsAtMost: z.number().int().optional(),
                messageIncludes: z.string().optional(),
                deleted: z.boolean().optional(),
                lastTerminationReason: z.string().nullable().optional(),
              })
              .strict(),
          )
          .optional(),
        events: z
          .array(
            z
              .object({
                reason: z.string(),
                object: glob.optional(),
                type: z.enum(["Normal", "Warning"]).optional(),
                source: z.string().optional(),
                message: z.string().optional(),
                messageIncludes: z.string().optional(),
                countAtLeast: z.number().int().optional(),
                absent: z.boolean().optional(),
                timeAtLeast: z.number().optional(),
                timeAtMost: z.number().optional(),
              })
              .strict(),
          )
          .optional(),
        findings: z
          .array(
            z
              .object({
                layer: z.string().optional(),
                severity: z.string().optional(),
                messageIncludes: z.string().optional(),
                object: z.string().optional(),
                /** No finding may match the other fields. */
                absent: z.boolean().optional(),
              })
              .strict(),
          )
          .optional(),
        objects: z
          .array(
            z.object({ kind: z.string(), namePattern: glob.optional(), count: z.number().int().optional() }).strict(),
          )
          .optional(),
      })
      .strict(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;

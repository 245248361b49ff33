/**
 * The paste modal `/kube simulate` opens: one multi-line input (Slack caps it at 3,000
 * characters) and a pointer to the file route for anything longer.
 */
import type { types } from "@slack/bolt";
import { z } from "zod";
import { SLACK_LIMITS } from "./limits.js";

/** The modal's `callback_id`. */
export const PASTE_CALLBACK_ID = "podsensei_paste";
/** Block and action id of the YAML input. */
export const PASTE_INPUT_ID = "yaml";

/** Where the modal's answer goes, carried in `private_metadata`. */
export const pasteTargetSchema = z.object({ channel: z.string().min(1), thread: z.string().min(1).optional() });
export type PasteTarget = z.infer<typeof pasteTargetSchema>;

/** The modal view. */
export function pasteModal(target: PasteTarget): types.ModalView {
  return {
    type: "modal",
    callback_id: PASTE_CALLBACK_ID,
    private_metadata: JSON.stringify(target),
    title: { type: "plain_text", text: "What will this YAML do?" },
    submit: { type: "plain_text", text: "Simulate" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: PASTE_INPUT_ID,
        label: { type: "plain_text", text: "Kubernetes YAML (one or more documents)" },
        element: {
          type: "plain_text_input",
          action_id: PASTE_INPUT_ID,
          multiline: true,
          max_length: SLACK_LIMITS.modalInput,
          placeholder: { type: "plain_text", text: "apiVersion: apps/v1\nkind: Deployment\n…" },
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Longer than ${SLACK_LIMITS.modalInput.toLocaleString("en-US")} characters? Upload it as a \`.yaml\` file (or a text snippet) in a DM with me, or in a channel in a message that mentions me.`,
          },
        ],
      },
    ],
  };
}

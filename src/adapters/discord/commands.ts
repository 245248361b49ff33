/**
 * The application commands podsensei registers: `/kube <subcommand>` for the tutor, the
 * simulator and channel drills, and the message context-menu command "What will this YAML do?". Registered with one
 * bulk overwrite (PUT), per guild (instant, for testing a server) or globally, by
 * `podsensei discord register`.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from "discord.js";

/** Name of the slash command. */
export const SLASH_COMMAND = "kube";
/** Name of the message context-menu command. */
export const MESSAGE_COMMAND = "What will this YAML do?";
/** Name of the `/kube simulate` attachment option. */
export const FILE_OPTION = "file";

/** Subcommands and what they do (shown in Discord's command picker). */
export const SUBCOMMANDS = {
  start: "Start (or resume) the Kubernetes course",
  next: "Go on to the next lesson step",
  drill: "Get a drill question",
  answer: "Answer the open question",
  hint: "Get a hint for the open question",
  progress: "Show your progress, streak and levels",
  level: "Show the levels, or jump to one you have unlocked",
  explain: "Explain a Kubernetes term",
  simulate: "Simulate YAML: paste it in a form, or attach a file",
  help: "List the commands",
  drills: "Daily drills in this channel: turn them on or off, or see their status",
  reveal: "Reveal the open daily drill now (channel admins)",
  leaderboard: "This channel's drill leaderboard",
  team: "How this channel is doing, by level and topic",
} as const;

export type Subcommand = keyof typeof SUBCOMMANDS;

type Option = {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
};

const choices = (...values: string[]) => values.map((value) => ({ name: value, value }));

const OPTIONS: Partial<Record<Subcommand, Option[]>> = {
  answer: [
    {
      type: ApplicationCommandOptionType.String,
      name: "choice",
      description: "A, B, C or D (or the choice's text)",
      required: true,
    },
  ],
  level: [{ type: ApplicationCommandOptionType.Integer, name: "number", description: "Level number" }],
  explain: [
    { type: ApplicationCommandOptionType.String, name: "term", description: "e.g. pod, taint", required: true },
  ],
  simulate: [
    {
      type: ApplicationCommandOptionType.Attachment,
      name: FILE_OPTION,
      description: "A YAML file (without one, a form opens to paste into)",
    },
  ],
  drills: [
    {
      type: ApplicationCommandOptionType.String,
      name: "action",
      description: "on, off or status",
      required: true,
      choices: choices("on", "off", "status"),
    },
    {
      type: ApplicationCommandOptionType.String,
      name: "schedule",
      description: "For on: HH:MM Area/City [level 1-7|mixed] [weekdays] [reveal HH:MM|Nh]",
    },
  ],
  leaderboard: [
    {
      type: ApplicationCommandOptionType.String,
      name: "period",
      description: "weekly (default), monthly or all",
      choices: choices("weekly", "monthly", "all"),
    },
  ],
};

/** The option names of a subcommand, in the order they are defined (and read as words). */
export function optionNames(sub: string): string[] {
  return (OPTIONS[sub as Subcommand] ?? []).map((o) => o.name);
}

/** Where commands are usable: guilds and DMs with the bot. */
const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];

/** The command definitions, as the bulk-overwrite endpoint takes them. */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: SLASH_COMMAND,
      description: "podsensei: learn Kubernetes and see what your YAML will do",
      contexts: CONTEXTS,
      options: (Object.keys(SUBCOMMANDS) as Subcommand[]).map((name) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name,
        description: SUBCOMMANDS[name],
        options: OPTIONS[name] ?? [],
      })),
    },
    { type: ApplicationCommandType.Message, name: MESSAGE_COMMAND, contexts: CONTEXTS },
  ] as RESTPutAPIApplicationCommandsJSONBody;
}

/** Options of {@link registerCommands}. */
export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this guild only (appears at once); global when absent (may take up to an hour). */
  guildId?: string;
  /** REST base, default Discord's (`https://discord.com/api`); tests point it at a stand-in. */
  api?: string;
}

/** What {@link registerCommands} did. */
export interface RegisterResult {
  scope: "guild" | "global";
  names: string[];
}

/** Registers the commands (replacing any others of the application in that scope). Rejects on a REST error. */
export async function registerCommands(o: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST({ ...(o.api ? { api: o.api } : {}), retries: 1 }).setToken(o.token);
  const route = o.guildId
    ? Routes.applicationGuildCommands(o.applicationId, o.guildId)
    : Routes.applicationCommands(o.applicationId);
  const saved = (await rest.put(route, { body: commandDefinitions() })) as { name: string }[];
  return { scope: o.guildId ? "guild" : "global", names: saved.map((c) => c.name) };
}

/**
 * `podsensei discord register [--guild ID]`: registers the commands with the configured token
 * and application id, printing what it did. Resolves to the exit status (0 done, 1 Discord
 * refused, 2 wrong usage or missing configuration).
 */
export async function runRegister(
  args: string[],
  discord: { token: string; applicationId?: string } | undefined,
  print: (line: string) => void,
  api?: string,
): Promise<number> {
  const guild = args[0] === "--guild" ? args[1] : undefined;
  if (args.length > 0 && !(args.length === 2 && guild && /^\d{5,25}$/.test(guild))) {
    print("usage: podsensei discord register [--guild GUILD_ID]");
    return 2;
  }
  if (!discord?.applicationId) {
    print("DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands.");
    return 2;
  }
  try {
    const r = await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      ...(guild ? { guildId: guild } : {}),
      ...(api ? { api } : {}),
    });
    print(
      `Registered ${r.names.join(", ")} ${r.scope === "guild" ? `in guild ${guild}` : "globally (may take up to an hour to appear)"}.`,
    );
    return 0;
  } catch (err) {
    print(`Discord refused the commands: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/**
 * The bot scopes podsensei asks for when installed through `/slack/install`: the ones in
 * `slack/manifest.yaml` (a test keeps the two in step), so an install through the page grants
 * exactly what the manifest documents.
 */
export const BOT_SCOPES = [
  "app_mentions:read",
  "channels:read",
  "chat:write",
  "chat:write.public",
  "commands",
  "groups:read",
  "files:read",
  "files:write",
  "im:history",
  "im:read",
  "im:write",
  "users:read",
] as const;

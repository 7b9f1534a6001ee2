-- Hearth's additions to docker-jitsi-meet's Prosody configuration.
--
-- How it is loaded: docker-jitsi-meet's prosody.cfg.lua ends with `Include "conf.d/*.cfg.lua"`, and the
-- container copies everything under /config into the directory Prosody runs from before starting it, so a
-- file mounted at /config/conf.d/hearth.cfg.lua is included (docker/compose.yml mounts this one there).
-- Each included file starts in the global scope.
--
-- What is NOT here: the token modules are enabled on the MUC component through XMPP_MUC_MODULES in
-- jitsi/jitsi.env (re-declaring modules_enabled here would replace the image's list). This file only adds
-- the event webhook component, whose settings come from the container's environment so that secrets
-- never sit in a config file:
--   HEARTH_EVENTS_URL       the app's webhook, ${APP_URL}/api/jitsi/events
--   HEARTH_WEBHOOK_SECRET   sent as the X-Hearth-Webhook-Secret header (= the app's JITSI_WEBHOOK_SECRET)
--   HEARTH_EVENTS_TIMEOUT   seconds per delivery attempt (default 10)
--   HEARTH_EVENTS_RETRIES   retries on a 5xx or no answer (default 3); deliveries can therefore repeat
--   XMPP_DOMAIN, XMPP_MUC_DOMAIN   docker-jitsi-meet's names (defaults meet.jitsi, muc.meet.jitsi)

-- Prosody 13 exposes Lua's globals to config files as `Lua`; older releases expose them directly.
local getenv = (Lua and Lua.os or os).getenv;

local function env(name, default)
	local value = getenv(name);
	if value == nil or value == "" then return default; end
	return value;
end

local xmpp_domain = env("XMPP_DOMAIN", "meet.jitsi");
local muc_domain = env("XMPP_MUC_DOMAIN", "muc." .. xmpp_domain);
local events_url = env("HEARTH_EVENTS_URL", nil);

-- Without a webhook URL there is nothing to send events to: the component is not declared at all, rather
-- than loaded and left failing on every room.
if events_url then
	-- event_sync appends /events/room/created (etc.) to api_prefix, so the prefix is the URL without its
	-- final /events: ${APP_URL}/api/jitsi/events -> POST ${APP_URL}/api/jitsi/events/room/created.
	-- ⚠ No local here may share a name with an option below: `api_prefix = api_prefix` would assign the
	-- local, not the component's option, and event_sync would disable itself ("api_prefix not specified").
	local events_api_prefix = (events_url:gsub("/+$", ""):gsub("/events$", ""));

	Component("eventsync." .. xmpp_domain)("event_sync_component")
		muc_component = muc_domain
		breakout_component = "breakout." .. xmpp_domain
		api_prefix = events_api_prefix
		api_headers = {
			["X-Hearth-Webhook-Secret"] = env("HEARTH_WEBHOOK_SECRET", "");
		}
		api_timeout = tonumber(env("HEARTH_EVENTS_TIMEOUT", "10"))
		api_retry_count = tonumber(env("HEARTH_EVENTS_RETRIES", "3"))
		api_retry_delay = 1
end

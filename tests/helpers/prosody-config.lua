-- Loads a Prosody configuration with Prosody's own parser (core.configmanager, from Debian's `prosody` package) and
-- prints every host's options as JSON on stdout: { "<host or *>": { option = value, ... }, ... }.
-- Functions are left out (JSON cannot hold them). Exit 1 with the parser's message on stderr when the file fails.
--
--   lua5.4 tests/helpers/prosody-config.lua /absolute/path/to/prosody.cfg.lua
local prosody_root = os.getenv("PROSODY_LIB") or "/usr/lib/prosody";
package.path = prosody_root .. "/?.lua;" .. package.path;
package.cpath = prosody_root .. "/?.so;" .. package.cpath;

local configmanager = require "core.configmanager";
local json = require "util.json";

local file = arg[1];
if not file then
	io.stderr:write("usage: prosody-config.lua CONFIG_FILE\n");
	os.exit(2);
end

local ok, kind, err = configmanager.load(file);
if not ok then
	io.stderr:write(("%s error: %s\n"):format(tostring(kind), tostring(err)));
	os.exit(1);
end

local hosts = {};
for host, options in pairs(configmanager.getconfig()) do
	local copy = {};
	for key, value in pairs(options) do
		if type(value) ~= "function" then copy[key] = value; end
	end
	hosts[host] = copy;
end
print(json.encode(hosts));

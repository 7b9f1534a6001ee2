# Loads the stack's ports (sourced, not executed): the defaults in ports.env beside this file, each overridable by
# an environment variable of the same name (STACK_PG_PORT, ..., DEV_PORT, E2E_PORT).
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file
while IFS='=' read -r _port_name _port_value; do
  case "$_port_name" in '' | \#*) continue ;; esac
  [ -n "${!_port_name:-}" ] || printf -v "$_port_name" '%s' "$_port_value"
done <"$(dirname "${BASH_SOURCE[0]}")/ports.env"
unset _port_name _port_value

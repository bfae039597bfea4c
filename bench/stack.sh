# Sourced by the bench scripts: the processes of the stack ./tierline up started from this checkout.
# Needs STATE_DIR (the stack's state folder).

# The pid of a process ./tierline up started from this checkout, if it runs.
stack_pid() {
    local file="$STATE_DIR/run/$1.pid" pid
    [ -f "$file" ] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dtierline.process=$1 " || return 1
    printf '%s' "$pid"
}

# A variable of a running process's environment.
env_of() {
    tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n "s/^$2=//p" | head -n 1
}

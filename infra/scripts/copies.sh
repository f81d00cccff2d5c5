# Sourced by generated-artifacts.sh and chart-artifacts.sh: keeping committed copies in step with
# their sources. Set `mode` (sync or check) and `root` first; `status` ends 1 when a check failed.
status=0
copies=0

# copy_or_compare SOURCE TARGET HINT: sync copies SOURCE to TARGET; check reports a TARGET that differs.
copy_or_compare() {
  local source="$1" target="$2" hint="$3"
  copies=$((copies + 1))
  if [ "$mode" = sync ]; then
    mkdir -p "$(dirname "$target")"
    cp "$source" "$target"
  elif ! cmp -s "$source" "$target"; then
    echo "DRIFT: ${target#$root/} differs from ${source#$root/} (run: $hint)"
    diff -u "$target" "$source" 2>/dev/null | head -20 || true
    status=1
  fi
}

# no_source FILE WHY: a committed copy whose source is gone; sync removes it, check reports it.
no_source() {
  if [ "$mode" = sync ]; then rm "$1"; else echo "STALE: ${1#$root/} $2"; status=1; fi
}

# finish WHAT: the summary line and the exit status.
finish() {
  [ "$mode" = sync ] && echo "$1 synced: $copies files"
  [ "$mode" = check ] && [ $status -eq 0 ] && echo "$1 up to date: $copies files"
  exit $status
}

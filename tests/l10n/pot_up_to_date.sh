#!/bin/sh
# Fails when localisation/amanat.pot is not what the code makes of it: a phrase
# added, removed or changed in the code (or its "// TRANSLATORS:" note) without
# regenerating the template, or a template edited by hand. The creation date is
# not compared. Every phrase must also have a note for translators.
#
#   pot_up_to_date.sh CMAKE SOURCE_DIR WORK_DIR [XGETTEXT]
set -eu

cmake=$1
source_dir=$2
work_dir=$3
xgettext=${4:-}
committed=$source_dir/localisation/amanat.pot
made=$work_dir/amanat.pot

mkdir -p "$work_dir"
rm -f "$made"
# The same script as the build target amanat-pot, writing into the build tree.
"$cmake" -DOUTPUT="$made" ${xgettext:+-DXGETTEXT="$xgettext"} -P "$source_dir/localisation/make-pot.cmake" >/dev/null

# One line per entry: msgctxt|msgid <TAB> note <TAB> its other lines (joined by " // ").
entries() {
  awk '
    function flush() {
      if (id != "" && id != "\"\"") {
        key = (ctx != "" ? substr(ctx, 2, length(ctx) - 2) "|" : "") substr(id, 2, length(id) - 2)
        print key "\t" note "\t" whole
      }
      ctx = ""; id = ""; note = ""; whole = ""; field = ""
    }
    /^$/ { flush(); next }
    /^#\. / { note = note (note == "" ? "" : " ") substr($0, 4); next }
    { whole = whole (whole == "" ? "" : " // ") $0 }
    /^#/ { next }
    /^msgctxt / { ctx = substr($0, 9); field = "ctx"; next }
    /^msgid / { id = substr($0, 7); field = "id"; next }
    /^msgstr/ { field = ""; next }
    /^"/ {
      if (field == "ctx") ctx = substr(ctx, 1, length(ctx) - 1) substr($0, 2)
      if (field == "id") id = substr(id, 1, length(id) - 1) substr($0, 2)
      next
    }
    END { flush() }
  ' "$1"
}
undated() { grep -v '^"POT-Creation-Date: ' "$1"; }

entries "$committed" >"$work_dir/committed.entries"
entries "$made" >"$work_dir/made.entries"

failed=0
# Phrases without a note for translators.
awk -F '\t' '$2 == "" { print "  " $1 }' "$work_dir/made.entries" >"$work_dir/no-note"
if [ -s "$work_dir/no-note" ]; then
  echo "These phrases have no note for translators: add a comment \"// TRANSLATORS: <where it appears," \
       "how long it may be>\" on the line(s) right above the phrase in the code:"
  cat "$work_dir/no-note"
  failed=1
fi

undated "$made" >"$work_dir/made.undated"
if ! undated "$committed" | cmp -s - "$work_dir/made.undated"; then
  failed=1
  echo "localisation/amanat.pot is not what the code makes of it:"
  awk -F '\t' '
    FNR == NR { old_note[$1] = $2; old_whole[$1] = $3; old_order[++n_old] = $1; next }
    { new_note[$1] = $2; new_whole[$1] = $3; new_order[++n_new] = $1 }
    END {
      for (i = 1; i <= n_new; i++) {
        k = new_order[i]
        if (!(k in old_whole)) { print "  in the code, missing from amanat.pot: " k; print "      note: " (new_note[k] == "" ? "(none)" : new_note[k]); shown++ }
      }
      for (i = 1; i <= n_old; i++) {
        k = old_order[i]
        if (!(k in new_whole)) { print "  in amanat.pot, no longer in the code: " k; print "      note: " old_note[k]; shown++ }
      }
      for (i = 1; i <= n_new; i++) {
        k = new_order[i]
        if ((k in old_whole) && (old_note[k] != new_note[k] || old_whole[k] != new_whole[k])) {
          print "  changed: " k
          if (old_note[k] != new_note[k]) { print "      note in amanat.pot: " old_note[k]; print "      note in the code:   " new_note[k] }
          if (old_whole[k] != new_whole[k]) { print "      in amanat.pot: " old_whole[k]; print "      from the code: " new_whole[k] }
          shown++
        }
      }
      if (!shown) {
        same_order = (n_old == n_new)
        for (i = 1; same_order && i <= n_new; i++) if (old_order[i] != new_order[i]) same_order = 0
        print same_order ? "  its header or comment block differs (see the diff below)" \
                         : "  the same entries, in another order (phrases moved in the code)"
      }
    }
  ' "$work_dir/committed.entries" "$work_dir/made.entries"
  echo "--- diff (localisation/amanat.pot, then from the code; creation date left out):"
  undated "$committed" | diff -u - "$work_dir/made.undated" | sed -n '3,40p' || true
fi

if [ "$failed" -ne 0 ]; then
  cat <<HELP

To fix it, make the template from the code and bring every language up to date
(then translate what is new or marked fuzzy):
  cmake --build --preset dev --target amanat-pot
  for po in localisation/*.po; do msgmerge --update --no-wrap --backup=none "\$po" localisation/amanat.pot; done
(see localisation/README.md). Notes for translators are "// TRANSLATORS:" comments
right above each phrase in the code, not edits to amanat.pot.
HELP
  exit 1
fi
echo "localisation/amanat.pot is up to date with the code ($(wc -l <"$work_dir/made.entries") phrases)."

# Makes the template of the kiosk's UI phrases, amanat.pot, from the code:
#
#   cmake -DOUTPUT=<file.pot> [-DXGETTEXT=<path>] [-DSOURCE_DIR=<folder>] -P localisation/make-pot.cmake
#
# OUTPUT     where to write the template (the build target amanat-pot writes
#            localisation/amanat.pot; the test l10n.pot-up-to-date a copy in the build tree).
# XGETTEXT   xgettext to run (found on the PATH when not given; Debian package gettext).
# SOURCE_DIR the folder whose kiosk/ is read (default: this repository). Paths in
#            the template's "#:" lines are relative to it.
#
# The build target, the test and the PO round-trip unit test all run this script,
# so there is one xgettext command. Phrases are found in calls
#   tr("...")  trc("context", "...")  say("ICU pattern", {...})  N_("...")
# and the comment starting with "TRANSLATORS:" on the line(s) right above a phrase
# becomes its note for translators ("#." lines).
cmake_minimum_required(VERSION 3.25)

if(NOT OUTPUT)
  message(FATAL_ERROR "make-pot: say where to write the template: cmake -DOUTPUT=<file.pot> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT SOURCE_DIR)
  get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()
if(NOT XGETTEXT)
  find_program(XGETTEXT xgettext)
endif()
if(NOT XGETTEXT OR NOT EXISTS "${XGETTEXT}")
  message(FATAL_ERROR "make-pot: xgettext not found (${XGETTEXT}): install the Debian package gettext "
                      "(packaging/install-deps does), then configure again")
endif()
get_filename_component(OUTPUT "${OUTPUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

# Every C++ file of the kiosk, found afresh on each run (so a new file is never
# missed), sorted byte-wise so the order does not depend on the file system.
# Paths are relative: xgettext runs in SOURCE_DIR and writes them as they are given.
file(GLOB_RECURSE sources LIST_DIRECTORIES false RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/kiosk/*.cpp" "${SOURCE_DIR}/kiosk/*.hpp")
list(SORT sources COMPARE STRING)
if(NOT sources)
  message(FATAL_ERROR "make-pot: no kiosk/*.cpp or kiosk/*.hpp under ${SOURCE_DIR}")
endif()
list(JOIN sources "\n" file_list)
get_filename_component(output_dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${output_dir}")
file(WRITE "${OUTPUT}.files" "${file_list}\n")

# No --sort-output/--sort-by-file: entries stay in source order (the files in the
# sorted order above, each file's phrases from top to bottom), so a screen's
# phrases stay together in the order the screen shows them ("Previous" before
# "Next"), which gives translators context; the order is still deterministic.
# --no-wrap: long lines stay whole, as in the PO files, so diffs stay readable.
# --keyword= drops xgettext's default C keywords (gettext, _ ...), which the kiosk
# does not use. No --flag: the phrases are ICU message patterns, not printf formats
# (checked below).
execute_process(
  COMMAND "${XGETTEXT}" --language=C++ --from-code=UTF-8
          --keyword= --keyword=tr --keyword=trc:1c,2 --keyword=say --keyword=N_
          --add-comments=TRANSLATORS: --add-location=file --no-wrap
          --package-name=Amanat --msgid-bugs-address=
          "--files-from=${OUTPUT}.files" "--output=${OUTPUT}.new"
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE status
  ERROR_VARIABLE errors)
file(REMOVE "${OUTPUT}.files")
# xgettext always warns that --msgid-bugs-address is empty; it has no bug address.
string(REGEX REPLACE "[^\n]*warning: The option --msgid-bugs-address was not specified.\n([ \t]+[^\n]*\n)*" ""
       errors "${errors}")
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}.new")
  message(FATAL_ERROR "make-pot: xgettext failed (${status}):\n${errors}")
endif()
if(errors)
  message(WARNING "make-pot: xgettext says:\n${errors}")
endif()

file(READ "${OUTPUT}.new" pot)
file(REMOVE "${OUTPUT}.new")

# Our own comment block instead of xgettext's "SOME DESCRIPTIVE TITLE" one.
set(intro [=[
# Translations of the Amanat kiosk's own words (buttons, hints, overlays).
# This is the template: copy it to <BCP 47 tag>.po to start a new language,
# see README.md in this folder.
#
]=])
string(FIND "${pot}" "#, fuzzy\nmsgid \"\"\n" header_at)
if(header_at LESS 0)
  message(FATAL_ERROR "make-pot: xgettext's output has no header entry")
endif()
string(SUBSTRING "${pot}" ${header_at} -1 pot)
string(PREPEND pot "${intro}")
string(REPLACE "charset=CHARSET" "charset=UTF-8" pot "${pot}")
# The tag marks a note in the code; translators need only the note. A note is
# one paragraph: its lines are joined into one (unwrapped, like every line here),
# so re-wrapping or re-indenting the comment in the code changes nothing here.
string(REPLACE "\n#. TRANSLATORS: " "\n#. " pot "${pot}")
while(pot MATCHES "\n#\\. [^\n]*\n#\\. ")
  string(REGEX REPLACE "(\n#\\. [^\n]*)\n#\\. " "\\1 " pot "${pot}")
endwhile()

# A phrase xgettext takes for a printf-style (or other) format would make msgfmt
# --check and PO editors demand that translations keep its "%" directives. The
# kiosk's phrases are ICU message patterns, never such formats.
string(REGEX MATCHALL "\n#, [^\n]*format[^\n]*\n(msgctxt [^\n]*\n)?msgid [^\n]*" formats "${pot}")
foreach(entry IN LISTS formats)
  if(NOT entry MATCHES "\n#, [^\n]*no-[a-z+-]*format")
    string(STRIP "${entry}" entry)
    string(APPEND wrong_formats "\n${entry}")
  endif()
endforeach()
if(wrong_formats)
  message(FATAL_ERROR "make-pot: xgettext marked these phrases as format strings:${wrong_formats}\n"
                      "They are ICU message patterns: put a comment `// xgettext:no-c-format` "
                      "(no-<format> for another format) on the line right above each.")
endif()

# Rewrite the template only when more than its creation date changed, so running
# the target does not leave a change to commit for nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  string(REGEX REPLACE "\n\"POT-Creation-Date: [^\n]*\n" "\n" old_undated "${old}")
  string(REGEX REPLACE "\n\"POT-Creation-Date: [^\n]*\n" "\n" new_undated "${pot}")
  if(old_undated STREQUAL new_undated)
    message(STATUS "make-pot: ${OUTPUT} is up to date")
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${pot}")
message(STATUS "make-pot: wrote ${OUTPUT}")

# Writes the man page, the bash completion and the compressed changelog (run as `cmake -P`
# after brief is linked; see CMakeLists.txt). Inputs: BRIEF (the binary), GZIP, OUT_DIR,
# CHANGELOG. Each output is written by the command that owns it, so it cannot drift.
function(brief_run_to_file out)
  execute_process(COMMAND ${ARGN} OUTPUT_FILE "${out}.tmp" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    file(REMOVE "${out}.tmp")
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "'${cmd}' failed (${rc})")
  endif()
  file(RENAME "${out}.tmp" "${out}")
endfunction()

brief_run_to_file("${OUT_DIR}/brief.1" "${BRIEF}" help --man)
brief_run_to_file("${OUT_DIR}/brief.bash-completion" "${BRIEF}" completion bash)
# -n: no name or time stamp in the header, so the same input gives the same bytes.
brief_run_to_file("${OUT_DIR}/brief.1.gz" "${GZIP}" -9nc "${OUT_DIR}/brief.1")
brief_run_to_file("${OUT_DIR}/changelog.gz" "${GZIP}" -9nc "${CHANGELOG}")

# Turns files into named C++ string constants at build time, so SQL (.sql),
# catalogues (.po) and page templates (.mustache) live in their own files and
# the code refers to them by name.
#
# grants_embed_sql(TARGET <lib> NAMESPACE <ns> HEADER <name.h> FILES <...>)
# creates a header with, for each file foo_bar.<any extension>, `kFooBar` and
# a list `kAll` of {name, text} pairs (name = "foo_bar").
function(grants_embed_sql)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE;HEADER" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/gen/${ARG_HEADER})
  string(REPLACE ";" "|" files "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${ARG_NAMESPACE}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedSqlRun.cmake
    VERBATIM
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedSqlRun.cmake
    COMMENT "embedding files into ${ARG_HEADER}")
  target_sources(${ARG_TARGET} PRIVATE ${out})
  target_include_directories(${ARG_TARGET} PUBLIC ${CMAKE_CURRENT_BINARY_DIR}/gen)
endfunction()

# grants_embed_codes(TARGET <lib> CSV <file> HEADER <name.h> NAME <kConst>
#                    NAMESPACE <ns>): a sorted code list from a CSV column.
function(grants_embed_codes)
  cmake_parse_arguments(ARG "" "TARGET;CSV;HEADER;NAME;NAMESPACE" "" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/gen/${ARG_HEADER})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DCSV=${ARG_CSV} -DOUT=${out} -DNAME=${ARG_NAME}
            -DNS=${ARG_NAMESPACE} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedCodesRun.cmake
    DEPENDS ${ARG_CSV} ${PROJECT_SOURCE_DIR}/cmake/EmbedCodesRun.cmake
    COMMENT "embedding codes into ${ARG_HEADER}")
  target_sources(${ARG_TARGET} PRIVATE ${out})
  target_include_directories(${ARG_TARGET} PUBLIC ${CMAKE_CURRENT_BINARY_DIR}/gen)
endfunction()

# steward_add_test_suite(<name> LABEL <unit|integration> SOURCES … [LIBS …] [TIMEOUT s] [FIXTURES …])
# One Catch2 executable; every TEST_CASE becomes its own CTest test with the label.
function(steward_add_test_suite name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS;FIXTURES" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  steward_target_defaults(${name})
  target_link_libraries(${name} PRIVATE steward::test_support ${ARG_LIBS})
  set(fixture_properties "")
  if(ARG_FIXTURES)
    set(fixture_properties FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
  catch_discover_tests(${name}
    TEST_PREFIX "${name}: "
    PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT}
               ENVIRONMENT "QT_QPA_PLATFORM=offscreen" ${fixture_properties})
endfunction()

# bench_console_model: the console's lazy device list over 100,000 devices of a real
# steward-server process; see docs/benchmarks.md.
if(TARGET steward_console_core AND TARGET steward_server_core)
  add_executable(bench_console_model console/ConsoleModelBench.cpp
    ${PROJECT_SOURCE_DIR}/tests/support/server/DeviceSeed.cpp)
  steward_target_defaults(bench_console_model)
  target_link_libraries(bench_console_model PRIVATE steward::console_core steward::server_core)
  target_compile_definitions(bench_console_model PRIVATE
    STEWARD_SERVER_PROGRAM="$<TARGET_FILE:steward-server>")
  add_dependencies(bench_console_model steward-server)
endif()

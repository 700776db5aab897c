# bench_rest: login and list-page throughput of a real steward-server; see docs/benchmarks.md.
if(TARGET steward_server_core)
  add_executable(bench_rest rest/RestBench.cpp)
  steward_target_defaults(bench_rest)
  target_link_libraries(bench_rest PRIVATE steward::server_core)
  add_dependencies(bench_rest steward-server)
endif()

# bench_access: every right of 100 administrators on 10,000 nodes; see docs/benchmarks.md.
if(TARGET steward_server_access)
  add_executable(bench_access access/AccessBench.cpp)
  steward_target_defaults(bench_access)
  target_link_libraries(bench_access PRIVATE steward::server_access)
endif()

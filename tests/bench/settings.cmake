# bench_effective_config: effective configuration for 100,000 devices; see docs/benchmarks.md.
if(TARGET steward_server_core)
  add_executable(bench_effective_config settings/EffectiveConfigBench.cpp)
  steward_target_defaults(bench_effective_config)
  target_link_libraries(bench_effective_config PRIVATE steward::server_core)
endif()

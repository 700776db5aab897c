# bench_effective_config: effective configuration for 100,000 devices; see docs/benchmarks.md.
if(TARGET steward_server_core)
  add_executable(bench_effective_config settings/EffectiveConfigBench.cpp)
  steward_target_defaults(bench_effective_config)
  target_link_libraries(bench_effective_config PRIVATE steward::server_core)
endif()

# bench_config_push: one profile change reaching 50,000 devices on a real ServerApp, with the
# latency of another REST request meanwhile; see docs/benchmarks.md.
if(TARGET steward_server_core AND TARGET steward_test_server_support)
  add_executable(bench_config_push settings/ConfigPushBench.cpp)
  steward_target_defaults(bench_config_push)
  target_link_libraries(bench_config_push PRIVATE steward::server_core
    steward::test_server_support)
endif()

# bench_view_members: evaluating a view over N devices and a device's recomputation with a
# profile on a view, on SQLite; see docs/benchmarks.md ("Views").
if(TARGET steward_server_core AND TARGET steward_test_server_support)
  add_executable(bench_view_members settings/ViewMembershipBench.cpp)
  steward_target_defaults(bench_view_members)
  target_link_libraries(bench_view_members PRIVATE steward::server_core
    steward::test_server_support)
endif()

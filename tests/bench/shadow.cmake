# bench_shadow: raw loopback, the direct and relay shadow paths and a stunnel4 pair; throughput
# and 1-byte round trips. See docs/benchmarks.md.
add_executable(bench_shadow shadow/ShadowBench.cpp)
steward_target_defaults(bench_shadow)
target_link_libraries(bench_shadow PRIVATE steward_agent_core steward::console_shadow
                      Qt6::WebSockets)
target_compile_definitions(bench_shadow PRIVATE STEWARD_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")

# bench_pump: loopback throughput of the byte pump against stunnel4; see docs/benchmarks.md.
add_executable(bench_pump pump/PumpBench.cpp)
steward_target_defaults(bench_pump)
target_link_libraries(bench_pump PRIVATE steward::common)
target_compile_definitions(bench_pump PRIVATE STEWARD_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")

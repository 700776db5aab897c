# bench_fleet: N simulated agents against a real steward-server; see docs/benchmarks.md.
# The library steward_fleet is defined with the tests (tests/integration/fleet.cmake).
add_executable(bench_fleet fleet/FleetBench.cpp)
steward_target_defaults(bench_fleet)
target_link_libraries(bench_fleet PRIVATE steward_fleet)
target_compile_definitions(bench_fleet PRIVATE STEWARD_BINARY_DIR="${PROJECT_BINARY_DIR}")
add_dependencies(bench_fleet steward-server)

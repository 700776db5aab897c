# bench_shadow: raw loopback, the direct and relay shadow paths and a stunnel4 pair; throughput
# and 1-byte round trips. bench_shadow_fps: frames/s of a full-screen-changing 1920x1080 through
# the direct and relay paths, for the agent's VncServer and for x11vnc on one Xvfb.
# See docs/benchmarks.md.
add_library(bench_shadow_rig STATIC shadow/ShadowBenchRig.cpp
            ${PROJECT_SOURCE_DIR}/tests/support/EventLoop.cpp)
steward_target_defaults(bench_shadow_rig)
target_link_libraries(bench_shadow_rig PUBLIC steward_agent_core steward::console_shadow
                      Qt6::WebSockets)
target_compile_definitions(bench_shadow_rig PUBLIC
                           STEWARD_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")

add_executable(bench_shadow shadow/ShadowBench.cpp)
steward_target_defaults(bench_shadow)
target_link_libraries(bench_shadow PRIVATE bench_shadow_rig)

if(TARGET steward_agent_vnc AND TARGET steward_vncview)
  pkg_check_modules(BENCH_XCB REQUIRED IMPORTED_TARGET xcb)
  add_executable(bench_shadow_fps shadow/ShadowFpsBench.cpp
                 ${PROJECT_SOURCE_DIR}/tests/integration/vnc/XvfbFixture.cpp)
  steward_target_defaults(bench_shadow_fps)
  target_link_libraries(bench_shadow_fps PRIVATE bench_shadow_rig steward::agent_vnc
                        steward::vncview PkgConfig::BENCH_XCB)
endif()

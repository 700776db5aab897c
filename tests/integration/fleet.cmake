# Fleet (issue #4): the simulator's agents (tests/bench/fleet) against the real steward-server
# process; its restart must bring every agent back without a duplicate device.
add_library(steward_fleet STATIC bench/fleet/Fleet.cpp)
steward_target_defaults(steward_fleet)
target_link_libraries(steward_fleet PUBLIC steward::server_core steward_agent_core
  steward::test_server_support Qt6::WebSockets Qt6::Network)
steward_add_test_suite(tests_fleet LABEL integration TIMEOUT 480
  LIBS steward_fleet steward::test_server_support
  SOURCES
    integration/fleet/FleetRestartTest.cpp
    integration/fleet/FleetRolloverTest.cpp
    integration/fleet/CaRolloverProcessTest.cpp
)
add_dependencies(tests_fleet steward-server)
# The CA rollover test runs real agents and shadows one of them.
add_dependencies(tests_fleet steward-agent steward-shadow)

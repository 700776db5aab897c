# Devices (issue #4): enrolment, the device channel, the agent; real ServerApp on loopback and
# the real steward-agent and steward-admin programs.
steward_add_test_suite(tests_devices LABEL integration
  LIBS steward::server_core steward_agent_core steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/devices/AgentProcessTest.cpp
    integration/devices/ChannelTest.cpp
    integration/devices/DiscoveryTest.cpp
    integration/devices/EnrollmentTest.cpp
)
add_dependencies(tests_devices steward-agent steward-admin)

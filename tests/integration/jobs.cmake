# Jobs (issue #6): REST on a real server, real steward-agent processes, a restart.
steward_add_test_suite(tests_jobs LABEL integration
  LIBS steward::server_core steward_agent_core steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/jobs/JobProcessTest.cpp
)
add_dependencies(tests_jobs steward-agent steward-admin)

# Access control (issue #9). tests_access: the pure evaluator's table-driven rule tests.
# tests_access_db: the repository and the service on SQLite and PostgreSQL.
# tests_access_rest: every route family refused and granted, and the console event socket,
# on a real server with real TLS.
steward_add_test_suite(tests_access LABEL unit LIBS steward::server_access SOURCES
  unit/server/access/EvaluatorTest.cpp
)
steward_add_test_suite(tests_access_db LABEL integration FIXTURES postgres
  LIBS steward::test_server_support steward::server_core
  SOURCES
    unit/server/access/AccessRepositoryTest.cpp
)
if(TARGET steward_agent_core)
  steward_add_test_suite(tests_access_rest LABEL integration
    LIBS steward::server_core steward_agent_core steward::test_server_support
    SOURCES
      integration/devices/DeviceTestSupport.cpp
      integration/server/AccessControlTest.cpp
      integration/server/DeviceStatsTest.cpp
  )
endif()

# Jobs (issue #6): tests_jobs_unit runs the job service on SQLite with the real command queue,
# a fake device channel and a fake clock; tests_jobs_db the job tables on SQLite and
# PostgreSQL; tests_jobs drives the REST routes, real agents on loopback and a server restart
# (integration/jobs.cmake).
steward_add_test_suite(tests_jobs_unit LABEL unit
  LIBS steward::test_server_support steward::server_core
  SOURCES
    unit/server/jobs/JobScaleTest.cpp
    unit/server/jobs/JobServiceTest.cpp
)
steward_add_test_suite(tests_jobs_db LABEL integration FIXTURES postgres
  LIBS steward::test_server_support steward::server_core
  SOURCES
    unit/server/jobs/JobRepositoryTest.cpp
)

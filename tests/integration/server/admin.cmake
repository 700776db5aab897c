# steward-admin's suite: in-process commands on real SQLite and PostgreSQL, plus the real binary.
steward_add_test_suite(tests_admin LABEL integration FIXTURES postgres TIMEOUT 180
  LIBS steward::server_admin steward::test_server_support
  SOURCES
    integration/server/admin/AdminTestSupport.cpp
    integration/server/admin/AccountCommandsTest.cpp
    integration/server/admin/BackupArchiveTest.cpp
    integration/server/admin/BackupRestoreTest.cpp
    integration/server/admin/CaCommandsTest.cpp
    integration/server/admin/CertificateCommandsTest.cpp
    integration/server/admin/CertificateImportCommandTest.cpp
    integration/server/admin/DataSourceCommandsTest.cpp
    integration/server/admin/ServerBackupTest.cpp
    integration/server/admin/StatusCommandTest.cpp
    integration/server/admin/WebCertificateCommandsTest.cpp
)
add_dependencies(tests_admin steward-admin)

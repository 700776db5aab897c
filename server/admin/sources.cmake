# steward-admin: included by server/CMakeLists.txt after steward_server_core exists.
# The logical dump is database code, so it lives in steward_server_db with the other SQL.
target_sources(steward_server_db PRIVATE db/DataCopier.cpp db/DataSnapshotJson.cpp)

add_library(steward_server_admin STATIC
  admin/AccountCommands.cpp
  admin/AdminCli.cpp
  admin/BackupCommands.cpp
  admin/CaCommands.cpp
  admin/CertificateCommands.cpp
  admin/DataSource.cpp
  admin/DataSourceCommands.cpp
  admin/EnrollmentCommands.cpp
  admin/SchemaSteps.cpp
  admin/SecretSource.cpp
  admin/StatusCommand.cpp
  admin/WebCertificateCommands.cpp
)
add_library(steward::server_admin ALIAS steward_server_admin)
steward_target_defaults(steward_server_admin)
target_link_libraries(steward_server_admin PUBLIC steward::server_core)

steward_add_executable(steward-admin SOURCES admin_main.cpp LIBS steward::server_admin)

# Access control (issue #9): the pure evaluator, free of the database and the network, so the
# unit tests and the benchmark link it alone. Included after steward_server_core exists.
add_library(steward_server_access STATIC
  access/Evaluator.cpp
  access/NodeTree.cpp
  access/Policy.cpp
  access/Rights.cpp
)
add_library(steward::server_access ALIAS steward_server_access)
steward_target_defaults(steward_server_access)
target_link_libraries(steward_server_access PUBLIC steward::common)
target_link_libraries(steward_server_core PUBLIC steward::server_access)
target_sources(steward_server_db PRIVATE
  db/AccessRepository.cpp
)
target_sources(steward_server_core PRIVATE
  services/AccessService.cpp
)
target_sources(steward_server_core PRIVATE
  http/routes/GroupRoutes.cpp
  http/routes/PermissionRoutes.cpp
)

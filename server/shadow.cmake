# Secure shadowing (issue #5): shadow certificates, policies, one-time sessions, the REST route.
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/ShadowRepository.cpp
)
target_sources(steward_server_core PRIVATE
  gateway/TunnelRelay.cpp
  http/routes/ShadowRoutes.cpp
  services/ShadowService.cpp
)

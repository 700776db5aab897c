# CA rollover (issue #7 item 5): renewed roots and device CAs, distributed over the channel.
# Included by server/CMakeLists.txt after certificates.cmake.
target_sources(steward_server_db PRIVATE db/TrustRepository.cpp)
target_sources(steward_server_core PRIVATE
  app/ServerAppCa.cpp
  http/routes/CaRoutes.cpp
  services/CaActions.cpp
  services/CaRollover.cpp
  services/CertificateAuthorities.cpp
  services/DevicesNotTrusting.cpp
)

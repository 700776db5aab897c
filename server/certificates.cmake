# The device-communication certificate store (issue #7).
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/CertificateRepository.cpp
  db/RolloverRepository.cpp
)
target_sources(steward_server_core PRIVATE
  http/routes/CertificateRoutes.cpp
  services/CertificateActions.cpp
  services/CertificateExpiry.cpp
  services/CertificateReconciler.cpp
  services/CertificateRollout.cpp
  services/CertificateImport.cpp
  services/CertificateSelection.cpp
  services/CertificateStore.cpp
  services/CertificateWatch.cpp
)

# Web certificates: what the listener on port 8443 presents (issue #7 item 4).
target_sources(steward_server_db PRIVATE db/WebCertificateRepository.cpp)
target_sources(steward_server_core PRIVATE
  http/routes/WebCertificateRoutes.cpp
  services/WebCertificateActions.cpp
  services/WebCertificateCheck.cpp
  services/WebCertificateStore.cpp
  services/WebCertificateSupport.cpp
  services/WebCertificateTrust.cpp
)

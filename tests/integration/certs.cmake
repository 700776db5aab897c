# The device-communication certificate store (issue #7): the store on SQLite and PostgreSQL,
# and its REST resource on a real ServerApp over TLS.
steward_add_test_suite(tests_certs LABEL integration FIXTURES postgres
  LIBS steward::server_core steward_agent_core steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/certs/CertificateAdminWatchTest.cpp
    integration/certs/CaRolloverRestTest.cpp
    integration/certs/CertificateEnrolmentTest.cpp
    integration/certs/CertificateExpiryTest.cpp
    integration/certs/CertificateReconcilerTest.cpp
    integration/certs/CertificateRestTest.cpp
    integration/certs/CertificateRolloverTest.cpp
    integration/certs/CertificateStoreTest.cpp
    integration/certs/WebCertificateImportTest.cpp
    integration/certs/WebCertificateRestTest.cpp
    integration/certs/WebCertificateRootTest.cpp
    integration/certs/WebCertificateStoreTest.cpp
    integration/certs/WebCertificateSupport.cpp
    integration/certs/TrustRepositoryTest.cpp
)
add_dependencies(tests_certs steward-agent steward-admin)

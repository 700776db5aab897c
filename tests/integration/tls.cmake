# Integration tests of common/tls: real handshakes on 127.0.0.1 with the test PKI.
target_sources(tests_integration PRIVATE
  integration/tls/MutualTlsTest.cpp
  integration/tls/PinnedPeerTest.cpp
  integration/tls/TlsTestServer.cpp
  integration/tls/TlsTestServer.h
)

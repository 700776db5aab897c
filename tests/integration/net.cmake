# Integration tests of common/net: the pump behind a real TLS listener on 127.0.0.1.
target_sources(tests_integration PRIVATE
  integration/net/PumpFailureTest.cpp
  integration/net/PumpRelay.cpp
  integration/net/PumpRelay.h
  integration/net/Sha256Stream.cpp
  integration/net/Sha256Stream.h
  integration/net/TlsPumpTest.cpp
  unit/common/net/SocketPair.cpp
  unit/common/net/SocketPair.h
)
# Test-only: a fast SHA-256 to check GiB transfers (see Sha256Stream.h).
target_link_libraries(tests_integration PRIVATE OpenSSL::Crypto)

# Unit tests of common/tls (the native TLS ones use real OpenSSL sessions over loopback).
target_sources(tests_common PRIVATE
  unit/common/tls/FingerprintTest.cpp
  unit/common/tls/NativePair.cpp
  unit/common/tls/NativePair.h
  unit/common/tls/TlsConfigTest.cpp
  unit/common/tls/TlsFilesTest.cpp
  unit/common/tls/TlsPipeTest.cpp
  unit/common/tls/TlsStreamTest.cpp
)

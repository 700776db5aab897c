# Unit tests of common/tls.
target_sources(tests_common PRIVATE
  unit/common/tls/FingerprintTest.cpp
  unit/common/tls/TlsConfigTest.cpp
  unit/common/tls/TlsFilesTest.cpp
)
